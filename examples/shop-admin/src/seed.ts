// Creates the first superuser (idempotent). `npm run seed` with DATABASE_URL, SEED_ADMIN_EMAIL, SEED_ADMIN_PASSWORD.
import bcrypt from 'bcrypt';
import type { DataSource } from 'typeorm';
import { AdminUser } from './entities/AdminUser.js';
import { shopDataSource } from './data-source.js';

export async function seedSuperuser(dataSource: DataSource, user: { email: string; name: string; password: string; rounds?: number }): Promise<AdminUser> {
  const repository = dataSource.getRepository(AdminUser);
  const email = user.email.toLowerCase();
  const existing = await repository.findOneBy({ email });
  if (existing) return existing;
  const passwordHash = await bcrypt.hash(user.password, user.rounds ?? 12);
  return repository.save(repository.create({ email, name: user.name, passwordHash, isSuperuser: true }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { DATABASE_URL, SEED_ADMIN_EMAIL = 'admin@shop.example', SEED_ADMIN_PASSWORD } = process.env;
  if (!DATABASE_URL || !SEED_ADMIN_PASSWORD) throw new Error('Set DATABASE_URL and SEED_ADMIN_PASSWORD');
  const dataSource = await shopDataSource(DATABASE_URL).initialize();
  const admin = await seedSuperuser(dataSource, { email: SEED_ADMIN_EMAIL, name: 'Shop Admin', password: SEED_ADMIN_PASSWORD });
  console.log(`superuser ${admin.email} ready`);
  await dataSource.destroy();
}
