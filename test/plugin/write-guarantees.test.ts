// What the plugin guarantees in any AdminJS + TypeORM host (here a small shop with uuid keys,
// Active Record entities, a @ManyToMany with @JoinTable and database cascades): a write it cannot
// record is refused before its SQL runs, junction rows and cascaded rows are recorded, and an
// update is recorded only under the keys its declaration lists.
import type { DataSource } from 'typeorm';
import { AuditTrailError } from '@hashtrail/adminjs-audit';
import { Customer, Employee, Order, OrderNote, Product, Tag } from './fixtures/shop-entities.js';
import { openShop, type Shop } from './fixtures/shop-audit.js';

let shop: Shop;
let db: DataSource;
beforeAll(async () => {
  shop = await openShop();
  db = shop.dataSource;
});
afterAll(() => shop.close());

interface Entry {
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, unknown> | null;
}

async function lastEntryId(): Promise<number> {
  const [row] = await db.query(`SELECT coalesce(max(id), 0)::int AS id FROM audit_logs`);
  return row.id;
}

/** The entries `work` wrote, in chain order. */
async function entriesOf(work: () => Promise<unknown>): Promise<Entry[]> {
  const since = await lastEntryId();
  await work();
  return entriesSince(since);
}

async function entriesSince(since: number): Promise<Entry[]> {
  return db.query(
    `SELECT action, target_type AS "targetType", target_id AS "targetId", target_label AS "targetLabel", details
       FROM audit_logs WHERE id > $1 ORDER BY id`,
    [since],
  );
}

async function newCustomerWithOrders(name: string, references: string[]): Promise<{ customer: Customer; orders: Order[] }> {
  const customer = await Customer.create({ name }).save();
  const orders: Order[] = [];
  for (const reference of references) orders.push(await Order.create({ customerId: customer.id, reference, total: 10 }).save());
  return { customer, orders };
}

const totalOf = async (id: string) => (await db.query(`SELECT total FROM orders WHERE id = $1`, [id]))[0]?.total as number | undefined;
const orderExists = async (id: string) => (await db.query(`SELECT 1 FROM orders WHERE id = $1`, [id])).length === 1;

describe('a write the log cannot record is refused before it runs', () => {
  it.each([
    ['Active Record update()', (id: string) => Order.update({ id }, { total: 99 })],
    ['repository update()', (id: string) => db.getRepository(Order).update(id, { total: 99 })],
    ['query-builder update', (id: string) => db.createQueryBuilder().update(Order).set({ total: 99 }).where('id = :id', { id }).execute()],
    ['query-builder update inside a transaction', (id: string) => db.transaction((manager) => manager.update(Order, id, { total: 99 }))],
  ])('refuses a %s of an audited row and leaves the row and the log unchanged', async (_how, update) => {
    const { orders } = await newCustomerWithOrders('Ada', ['A-1']);
    const order = orders[0]!;
    const since = await lastEntryId();
    await expect(update(order.id)).rejects.toThrow(AuditTrailError);
    await expect(update(order.id)).rejects.toThrow(/change it with save\(\)/);
    expect(await totalOf(order.id)).toBe(10);
    expect(await entriesSince(since)).toEqual([]);
  });

  it.each([
    ['Active Record delete()', (id: string) => Order.delete({ id })],
    ['repository delete()', (id: string) => db.getRepository(Order).delete(id)],
    ['query-builder delete', (id: string) => db.createQueryBuilder().delete().from(Order).where('id = :id', { id }).execute()],
  ])('refuses a %s of an audited row and leaves the row and the log unchanged', async (_how, remove) => {
    const { orders } = await newCustomerWithOrders('Bea', ['B-1']);
    const since = await lastEntryId();
    await expect(remove(orders[0]!.id)).rejects.toThrow(/delete them with remove\(\)/);
    expect(await orderExists(orders[0]!.id)).toBe(true);
    expect(await entriesSince(since)).toEqual([]);
  });

  it('refuses a query-builder delete of a row whose deletion would cascade to audited rows', async () => {
    const { customer, orders } = await newCustomerWithOrders('Cyd', ['C-1', 'C-2']);
    const since = await lastEntryId();
    await expect(Customer.delete({ id: customer.id })).rejects.toThrow(AuditTrailError);
    expect(await Promise.all(orders.map((order) => orderExists(order.id)))).toEqual([true, true]);
    expect(await entriesSince(since)).toEqual([]);
  });

  it('refuses a save() that opts out of its transaction', async () => {
    const { orders } = await newCustomerWithOrders('Dee', ['D-1']);
    const order = orders[0]!;
    order.total = 50;
    const since = await lastEntryId();
    await expect(order.save({ transaction: false })).rejects.toThrow(/would commit before its audit entry is written/);
    expect(await totalOf(order.id)).toBe(10);
    expect(await entriesSince(since)).toEqual([]);
  });

  it('refuses a query-builder insert outside a transaction, and inserts nothing', async () => {
    const customer = await Customer.create({ name: 'Eve' }).save();
    const since = await lastEntryId();
    await expect(Order.insert({ customerId: customer.id, reference: 'E-1' })).rejects.toThrow(/inside a transaction/);
    expect(await db.query(`SELECT 1 FROM orders WHERE reference = 'E-1'`)).toHaveLength(0);
    expect(await entriesSince(since)).toEqual([]);
  });

  it('records a query-builder insert inside a transaction, atomically with the row', async () => {
    const customer = await Customer.create({ name: 'Fay' }).save();
    const entries = await entriesOf(() => db.transaction((manager) => manager.insert(Order, { customerId: customer.id, reference: 'F-1', total: 3 })));
    const [row] = await db.query(`SELECT id FROM orders WHERE reference = 'F-1'`);
    expect(entries).toEqual([expect.objectContaining({ action: 'order.created', targetId: row.id, targetLabel: 'F-1' })]);
  });

  it('still records save() and remove(), which open their own transaction', async () => {
    const { orders } = await newCustomerWithOrders('Gus', ['G-1']);
    const order = orders[0]!;
    order.total = 20;
    const entries = await entriesOf(async () => {
      await order.save();
      await db.getRepository(Order).remove(await db.getRepository(Order).findOneByOrFail({ id: order.id }));
    });
    expect(entries.map((entry) => [entry.action, entry.targetId])).toEqual([
      ['order.updated', order.id],
      ['order.deleted', order.id],
    ]);
  });
});

describe('links of a @ManyToMany with @JoinTable', () => {
  it('records each tag added and removed on the product, naming the tag', async () => {
    const [a, b, c] = await Promise.all(['alpha', 'beta', 'gamma'].map((name) => Tag.create({ name }).save()));
    const product = await Product.create({ name: 'Kettle', tags: [] }).save();
    const entries = await entriesOf(async () => {
      product.tags = [a!, b!];
      await product.save();
      product.tags = [b!, c!];
      await product.save();
    });
    expect(entries.map((entry) => [entry.action, entry.targetId, entry.targetLabel, entry.details])).toEqual([
      ['product.tag_added', product.id, 'Kettle', { memberId: a!.id, memberLabel: 'alpha', relation: 'tags' }],
      ['product.tag_added', product.id, 'Kettle', { memberId: b!.id, memberLabel: 'beta', relation: 'tags' }],
      ['product.tag_removed', product.id, 'Kettle', { memberId: a!.id, memberLabel: 'alpha', relation: 'tags' }],
      ['product.tag_added', product.id, 'Kettle', { memberId: c!.id, memberLabel: 'gamma', relation: 'tags' }],
    ]);
    const links = await db.query(`SELECT tag_id FROM product_tags WHERE product_id = $1 ORDER BY tag_id`, [product.id]);
    expect(links.map((link: { tag_id: string }) => link.tag_id)).toEqual([b!.id, c!.id].sort());
  });

  it('records the links a removed product had, then the product, labelled while they still existed', async () => {
    const [a, b] = await Promise.all(['delta', 'epsilon'].map((name) => Tag.create({ name }).save()));
    const product = await Product.create({ name: 'Toaster', tags: [a!, b!] }).save();
    const entries = await entriesOf(() => db.getRepository(Product).remove(product));
    expect(entries.filter((entry) => entry.action === 'product.tag_removed').map((entry) => [entry.targetLabel, entry.details?.memberLabel]).sort()).toEqual([
      ['Toaster', 'delta'],
      ['Toaster', 'epsilon'],
    ]);
    expect(entries.filter((entry) => entry.action === 'product.deleted')).toHaveLength(1);
    expect(entries).toHaveLength(3);
  });

  it('records the links a deleted tag takes with it, though the tag declares no relation back', async () => {
    const tag = await Tag.create({ name: 'zeta' }).save();
    const [kettle, toaster] = await Promise.all(['Kettle 2', 'Toaster 2'].map((name) => Product.create({ name, tags: [tag] }).save()));
    const entries = await entriesOf(() => db.getRepository(Tag).remove(tag));
    expect(entries.map((entry) => [entry.action, entry.targetId, entry.details?.memberLabel]).sort()).toEqual(
      [
        ['product.tag_removed', kettle!.id, 'zeta'],
        ['product.tag_removed', toaster!.id, 'zeta'],
      ].sort(),
    );
    expect(await db.query(`SELECT 1 FROM product_tags WHERE tag_id = $1`, [tag.id])).toHaveLength(0);
  });

  it('refuses a query-builder delete of junction rows', async () => {
    const tag = await Tag.create({ name: 'eta' }).save();
    const product = await Product.create({ name: 'Blender', tags: [tag] }).save();
    const since = await lastEntryId();
    await expect(db.transaction((manager) => manager.createQueryBuilder().delete().from('product_tags').where('product_id = :id', { id: product.id }).execute())).rejects.toThrow(
      AuditTrailError,
    );
    expect(await db.query(`SELECT 1 FROM product_tags WHERE product_id = $1`, [product.id])).toHaveLength(1);
    expect(await entriesSince(since)).toEqual([]);
  });
});

describe('deletes the database cascades', () => {
  it('records one order.deleted per order of a deleted customer, before the customer goes', async () => {
    const { customer, orders } = await newCustomerWithOrders('Hal', ['H-1', 'H-2', 'H-3']);
    const entries = await entriesOf(() => db.getRepository(Customer).remove(customer));
    expect(entries.map((entry) => entry.action)).toEqual(['order.deleted', 'order.deleted', 'order.deleted']);
    expect(entries.map((entry) => entry.targetId).sort()).toEqual(orders.map((order) => order.id).sort());
    expect(await db.query(`SELECT 1 FROM orders WHERE customer_id = $1`, [customer.id])).toHaveLength(0);
  });

  it('records the notes whose order key a cascaded order deletion sets to null, recursively', async () => {
    const { customer, orders } = await newCustomerWithOrders('Ida', ['I-1']);
    const note = await OrderNote.create({ order: orders[0]!, body: 'Call first' }).save();
    const entries = await entriesOf(() => db.getRepository(Customer).remove(customer));
    expect(entries.map((entry) => [entry.action, entry.targetId])).toEqual([
      ['order_note.updated', note.id],
      ['order.deleted', orders[0]!.id],
    ]);
    const [row] = await db.query(`SELECT order_id FROM order_notes WHERE id = $1`, [note.id]);
    expect(row.order_id).toBeNull();
  });

  it('rolls the whole cascade back when one of its entries cannot be written', async () => {
    const { customer, orders } = await newCustomerWithOrders('Jo', ['J-1', 'J-2']);
    await db.query(`ALTER TABLE audit_logs ADD CONSTRAINT test_refuse_orders CHECK (action <> 'order.deleted') NOT VALID`);
    try {
      const since = await lastEntryId();
      const customerId = customer.id; // remove() clears the entity's id, even when the commit then fails
      await expect(db.getRepository(Customer).remove(customer)).rejects.toThrow(/Audit entry not written/);
      expect(await Promise.all(orders.map((order) => orderExists(order.id)))).toEqual([true, true]);
      expect(await db.query(`SELECT 1 FROM customers WHERE id = $1`, [customerId])).toHaveLength(1);
      expect(await entriesSince(since)).toEqual([]);
    } finally {
      await db.query(`ALTER TABLE audit_logs DROP CONSTRAINT test_refuse_orders`);
    }
  });
});

describe('declared update keys', () => {
  it('records an update under a declared key', async () => {
    const employee = await Employee.create({ name: 'Kim', grade: 'junior' }).save();
    employee.grade = 'senior';
    const entries = await entriesOf(() => employee.save());
    expect(entries.map((entry) => entry.action)).toEqual(['employee.promoted']);
  });

  it('refuses an update its classifier files under an undeclared key, and rolls it back', async () => {
    const employee = await Employee.create({ name: 'Lou', grade: 'senior' }).save();
    employee.grade = 'intern';
    employee.name = 'Louise';
    const since = await lastEntryId();
    await expect(employee.save()).rejects.toThrow(/"employee.demoted", which is not in its updateActions/);
    expect(await db.query(`SELECT name, grade FROM employees WHERE id = $1`, [employee.id])).toEqual([{ name: 'Lou', grade: 'senior' }]);
    expect(await entriesSince(since)).toEqual([]);
  });
});

describe('soft removal', () => {
  it.each([
    ['softRemove()', (employee: Employee) => employee.softRemove()],
    ['repository softDelete()', (employee: Employee) => db.getRepository(Employee).softDelete({ id: employee.id })],
  ])('refuses a %s of an audited row whose declaration names no key for it', async (_how, softRemove) => {
    const employee = await Employee.create({ name: 'Max', grade: 'junior' }).save();
    const since = await lastEntryId();
    await expect(softRemove(employee)).rejects.toThrow(/declare softRemoved/);
    expect(await db.query(`SELECT deleted_at FROM employees WHERE id = $1`, [employee.id])).toEqual([{ deleted_at: null }]);
    expect(await entriesSince(since)).toEqual([]);
  });
});
