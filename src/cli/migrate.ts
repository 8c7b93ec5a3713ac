// `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded DATA_DIR) and exits.
import { boot } from '../boot.js';

const { logger, database } = await boot({ migrate: true, cli: true });
logger.info('Migrations are up to date');
await database.close();
