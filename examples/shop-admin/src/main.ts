// `npm start`: DATABASE_URL and SESSION_SECRET from the environment; migrates, then serves the panel.
import { createShopApp } from './app.js';
import { shopDataSource } from './data-source.js';

const { DATABASE_URL, SESSION_SECRET, PORT = '3000', NODE_ENV } = process.env;
if (!DATABASE_URL || !SESSION_SECRET) throw new Error('Set DATABASE_URL and SESSION_SECRET');
const dataSource = await shopDataSource(DATABASE_URL).initialize();
const { app, admin } = createShopApp(dataSource, { databaseUrl: DATABASE_URL, sessionSecret: SESSION_SECRET });
// Production bundles the custom components once, before the first page asks for them.
if (NODE_ENV === 'production') await admin.initialize();
const server = app.listen(Number(PORT), '127.0.0.1', () => {
  const address = server.address();
  console.log(`shop admin ready on http://127.0.0.1:${typeof address === 'object' && address ? address.port : PORT}/admin`);
});
