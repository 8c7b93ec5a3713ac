// Orders and customers: the custom Active Record action, cascades, and writes the trail refuses.
import { AuditTrailError } from '@hashtrail/adminjs-audit';
import { Customer, Order } from '../src/entities/index.js';
import { adminApi } from './helpers/admin-api.js';
import { startShop, type Shop } from './helpers/shop.js';

let shop: Shop;
let api: ReturnType<typeof adminApi>;
beforeAll(async () => {
  shop = await startShop();
  api = adminApi(await shop.signIn());
});
afterAll(() => shop.close());

async function createCustomer(name: string): Promise<string> {
  const created = await api.create('Customer', { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org` });
  expect(created.body.notice?.type).toBe('success');
  return String(created.body.record!.params.id);
}

async function createOrder(reference: string, customerId: string): Promise<string> {
  const created = await api.create('Order', { reference, customer: customerId, total: 4200 });
  expect(created.body.notice?.type).toBe('success');
  return String(created.body.record!.params.id);
}

describe('orders', () => {
  it('records a customer created and edited', async () => {
    const id = await createCustomer('Ann Buyer');
    expect((await api.edit('Customer', id, { email: 'ann@example.net' })).body.notice?.type).toBe('success');
    const entries = await shop.entries({ targetType: 'customer', targetId: id });
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.targetLabel])).toEqual([
      ['customer.created', shop.adminId, 'Ann Buyer'],
      ['customer.updated', shop.adminId, 'Ann Buyer'],
    ]);
    expect(entries[1]!.changes).toEqual({ email: { from: 'ann.buyer@example.org', to: 'ann@example.net' } });
  });

  it('records a created order', async () => {
    const customer = await createCustomer('Ada Buyer');
    const id = await createOrder('ORD-1', customer);
    const stored = await Order.findOneOrFail({ where: { id }, relations: { customer: true } });
    expect(stored).toMatchObject({ status: 'pending', total: 4200, customer: { id: customer } });
    const entries = await shop.entries({ action: 'order.created', targetId: id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: shop.adminId, targetType: 'order', targetLabel: 'ORD-1', category: 'Order' });
  });

  it('marks an order shipped with the custom action: status saved and recorded as order.shipped', async () => {
    const id = await createOrder('ORD-2', await createCustomer('Bob Buyer'));
    const response = await api.recordAction('Order', id, 'markShipped');
    expect(response.status).toBe(200);
    expect(response.body.notice).toEqual({ message: 'Order marked as shipped', type: 'success' });
    expect(response.body.record!.params.status).toBe('shipped');
    expect((await Order.findOneByOrFail({ id })).status).toBe('shipped');
    const entries = await shop.entries({ targetType: 'order', targetId: id });
    expect(entries.map((entry) => entry.action)).toEqual(['order.created', 'order.shipped']);
    expect(entries[1]).toMatchObject({ actorId: shop.adminId, actorName: 'Olivia Owner', targetLabel: 'ORD-2', changes: { status: { from: 'pending', to: 'shipped' } }, sentence: 'Olivia Owner shipped order ORD-2' });
  });

  it('refuses to ship an order twice, changing and recording nothing', async () => {
    const id = await createOrder('ORD-3', await createCustomer('Cy Buyer'));
    expect((await api.recordAction('Order', id, 'markShipped')).body.notice?.type).toBe('success');
    const again = await api.recordAction('Order', id, 'markShipped');
    expect(again.body.notice?.type).toBe('error');
    expect(await shop.entries({ action: 'order.shipped', targetId: id })).toHaveLength(1);
  });

  it('records an ordinary edit of an order as order.updated', async () => {
    const id = await createOrder('ORD-4', await createCustomer('Di Buyer'));
    expect((await api.edit('Order', id, { total: 5000 })).body.notice?.type).toBe('success');
    const entries = await shop.entries({ action: 'order.updated', targetId: id });
    expect(entries.map((entry) => entry.changes)).toEqual([{ total: { from: 4200, to: 5000 } }]);
  });

  it('deleting a customer deletes their orders (ON DELETE CASCADE) and records each order deleted', async () => {
    const customer = await createCustomer('Eve Buyer');
    const orders = [await createOrder('ORD-5', customer), await createOrder('ORD-6', customer)];
    const other = await createOrder('ORD-7', await createCustomer('Fay Buyer'));
    const deleted = await api.remove('Customer', customer);
    expect(deleted.body.notice?.type).toBe('success');
    expect(await Customer.findOneBy({ id: customer })).toBeNull();
    expect(await Order.count({ where: orders.map((id) => ({ id })) })).toBe(0);
    expect(await Order.findOneBy({ id: other })).not.toBeNull();
    const orderEntries = (await shop.entries({ action: 'order.deleted' })).filter((entry) => orders.includes(entry.targetId!));
    expect(orderEntries.map((entry) => entry.targetLabel).sort()).toEqual(['ORD-5', 'ORD-6']);
    expect(orderEntries.every((entry) => entry.actorId === shop.adminId)).toBe(true);
    expect(await shop.entries({ action: 'customer.deleted', targetId: customer })).toEqual([expect.objectContaining({ targetLabel: 'Eve Buyer', actorId: shop.adminId })]);
    expect(await shop.entries({ action: 'order.deleted', targetId: other })).toHaveLength(0);
  });

  it('refuses a query-builder Order.update(...) before it runs: row unchanged, no entry', async () => {
    const id = await createOrder('ORD-8', await createCustomer('Gus Buyer'));
    const before = await shop.entries();
    await expect(Order.update({ id }, { status: 'cancelled' })).rejects.toThrow(AuditTrailError);
    await expect(shop.dataSource.transaction((manager) => manager.update(Order, { id }, { status: 'cancelled' }))).rejects.toThrow(/query-builder/);
    expect((await Order.findOneByOrFail({ id })).status).toBe('pending');
    expect(await shop.entries()).toHaveLength(before.length);
  });
});
