import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The shop's tables. */
export class CreateShop1770000000000 implements MigrationInterface {
  name = 'CreateShop1770000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE admin_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        password_hash varchar(100) NOT NULL,
        is_superuser boolean NOT NULL DEFAULT false
      )`);
    await db.query(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL UNIQUE
      )`);
    await db.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        price integer NOT NULL DEFAULT 0,
        api_key varchar(200)
      )`);
    await db.query(`
      CREATE TABLE product_tags (
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        tag_id uuid NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (product_id, tag_id)
      )`);
    await db.query(`CREATE INDEX product_tags_tag ON product_tags (tag_id)`);
    await db.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        email varchar(254) NOT NULL
      )`);
    await db.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference varchar(40) NOT NULL UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        status varchar(20) NOT NULL DEFAULT 'pending',
        total integer NOT NULL DEFAULT 0
      )`);
    await db.query(`CREATE INDEX orders_customer ON orders (customer_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['orders', 'customers', 'product_tags', 'products', 'tags', 'admin_users']) await db.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
