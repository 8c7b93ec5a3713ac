// Products through the panel's HTTP API: every change lands in audit_logs with who, what and how.
import request from 'supertest';
import { REDACTED } from '@hashtrail/adminjs-audit';
import { Product, Tag } from '../src/entities/index.js';
import { adminApi } from './helpers/admin-api.js';
import { startShop, type Shop } from './helpers/shop.js';

let shop: Shop;
let api: ReturnType<typeof adminApi>;
beforeAll(async () => {
  shop = await startShop();
  api = adminApi(await shop.signIn());
});
afterAll(() => shop.close());

const productNamed = (name: string) => shop.dataSource.getRepository(Product).findOneBy({ name });

async function createProduct(name: string, extra: Record<string, string | number> = {}): Promise<string> {
  const created = await api.create('Product', { name, price: 1250, ...extra });
  expect(created.body.notice?.type).toBe('success');
  return String(created.body.record!.params.id);
}

describe('products', () => {
  it('sends a visitor who is not signed in to the login page', async () => {
    const response = await request(shop.app).get('/admin/api/resources/Product/actions/list');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin/login');
  });

  it('records a created product with the actor, the target and its fields, the API key masked', async () => {
    const id = await createProduct('Blue Mug', { apiKey: 'sk_live_first_key' });
    const stored = await productNamed('Blue Mug');
    expect(stored).toMatchObject({ id, price: 1250, apiKey: 'sk_live_first_key' });
    const [entry, ...more] = await shop.entries({ action: 'product.created', targetId: id });
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ category: 'Product', actorId: shop.adminId, actorName: 'Olivia Owner', targetType: 'product', targetLabel: 'Blue Mug', sentence: 'Olivia Owner created product Blue Mug' });
    expect(entry!.changes).toMatchObject({ name: { from: null, to: 'Blue Mug' }, price: { from: null, to: 1250 }, apiKey: { from: null, to: REDACTED } });
    expect(JSON.stringify(entry)).not.toContain('sk_live_first_key');
  });

  it('records an edit with the fields that changed, before and after', async () => {
    const id = await createProduct('Green Mug');
    const edited = await api.edit('Product', id, { name: 'Forest Mug', price: 1400 });
    expect(edited.body.notice?.type).toBe('success');
    expect(await shop.dataSource.getRepository(Product).findOneByOrFail({ id })).toMatchObject({ name: 'Forest Mug', price: 1400 });
    const entries = await shop.entries({ action: 'product.updated', targetId: id });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.changes).toEqual({ name: { from: 'Green Mug', to: 'Forest Mug' }, price: { from: 1250, to: 1400 } });
    expect(entries[0]).toMatchObject({ actorId: shop.adminId, targetLabel: 'Forest Mug' });
  });

  it('rotates the API key: the new key is saved, the entry says it changed with both values masked', async () => {
    const id = await createProduct('Red Mug', { apiKey: 'sk_old_key_value' });
    const edited = await api.edit('Product', id, { apiKey: 'sk_new_key_value' });
    expect(edited.body.notice?.type).toBe('success');
    // The answer carries the record back to the browser: never the key just typed.
    expect(JSON.stringify(edited.body)).not.toContain('sk_new_key_value');
    expect((await shop.dataSource.getRepository(Product).findOneByOrFail({ id })).apiKey).toBe('sk_new_key_value');
    const entries = await shop.entries({ action: 'product.updated', targetId: id });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.changes).toEqual({ apiKey: { from: REDACTED, to: REDACTED } });
    expect(REDACTED).toBe('[redacted]');
    expect(JSON.stringify(entries[0])).not.toMatch(/sk_(old|new)_key_value/);
  });

  it('leaves the API key as it is when the form sends it blank', async () => {
    const id = await createProduct('Yellow Mug', { apiKey: 'sk_keep_this_one' });
    const edited = await api.edit('Product', id, { apiKey: '', name: 'Lemon Mug' });
    expect(edited.body.notice?.type).toBe('success');
    expect(await shop.dataSource.getRepository(Product).findOneByOrFail({ id })).toMatchObject({ name: 'Lemon Mug', apiKey: 'sk_keep_this_one' });
    const entries = await shop.entries({ action: 'product.updated', targetId: id });
    expect(entries.map((entry) => entry.changes)).toEqual([{ name: { from: 'Yellow Mug', to: 'Lemon Mug' } }]);
  });

  it('never sends the API key to the browser', async () => {
    const id = await createProduct('Secret Mug', { apiKey: 'sk_never_shown' });
    for (const response of [await api.show('Product', id), await api.list('Product')]) {
      expect(response.status).toBe(200);
      expect(response.text).toContain('Secret Mug');
      expect(response.text).not.toContain('sk_never_shown');
    }
  });

  it('records a deletion with what the product held', async () => {
    const id = await createProduct('Old Mug', { apiKey: 'sk_gone' });
    const deleted = await api.remove('Product', id);
    expect(deleted.body.notice?.type).toBe('success');
    expect(await shop.dataSource.getRepository(Product).findOneBy({ id })).toBeNull();
    const entries = await shop.entries({ action: 'product.deleted', targetId: id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: shop.adminId, targetType: 'product', targetLabel: 'Old Mug' });
    expect(entries[0]!.changes).toMatchObject({ name: { from: 'Old Mug', to: null }, apiKey: { from: REDACTED, to: null } });
  });

  it('records a bulk deletion as one entry per product', async () => {
    const ids = [await createProduct('Bulk Mug A'), await createProduct('Bulk Mug B')];
    const deleted = await api.bulkRemove('Product', ids);
    expect(deleted.status).toBe(200);
    expect(deleted.body.notice?.type).toBe('success');
    expect(await shop.dataSource.getRepository(Product).countBy(ids.map((id) => ({ id })))).toBe(0);
    const entries = (await shop.entries({ action: 'product.deleted' })).filter((entry) => ids.includes(entry.targetId!));
    expect(entries.map((entry) => entry.targetLabel).sort()).toEqual(['Bulk Mug A', 'Bulk Mug B']);
    expect(entries.every((entry) => entry.actorId === shop.adminId)).toBe(true);
  });

  it('records tags linked and unlinked on the product as tag added / tag removed', async () => {
    const tagIds: string[] = [];
    for (const name of ['Kitchen', 'Sale']) {
      const created = await api.create('Tag', { name });
      expect(created.body.notice?.type).toBe('success');
      tagIds.push(String(created.body.record!.params.id));
    }
    const [kitchen, sale] = tagIds as [string, string];
    const id = await createProduct('Tagged Mug');
    const tagsOf = async () =>
      (await shop.dataSource.getRepository(Product).findOneOrFail({ where: { id }, relations: { tags: true } })).tags.map((tag: Tag) => tag.name).sort();

    const linked = await api.edit('Product', id, { 'tags.0': kitchen, 'tags.1': sale });
    expect(linked.body.notice?.type).toBe('success');
    expect(await tagsOf()).toEqual(['Kitchen', 'Sale']);
    const added = await shop.entries({ action: 'product.tag_added', targetId: id });
    expect(added.map((entry) => entry.details?.memberLabel).sort()).toEqual(['Kitchen', 'Sale']);
    expect(added.map((entry) => entry.details?.memberId).sort()).toEqual([kitchen, sale].sort());
    expect(added.every((entry) => entry.targetType === 'product' && entry.targetLabel === 'Tagged Mug' && entry.actorId === shop.adminId)).toBe(true);
    const shown = await api.show('Product', id);
    expect([shown.body.record!.params['tags.0'], shown.body.record!.params['tags.1']].sort()).toEqual([kitchen, sale].sort());

    const unlinked = await api.edit('Product', id, { 'tags.0': kitchen });
    expect(unlinked.body.notice?.type).toBe('success');
    expect(await tagsOf()).toEqual(['Kitchen']);
    const removed = await shop.entries({ action: 'product.tag_removed', targetId: id });
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ actorId: shop.adminId, targetType: 'product', details: expect.objectContaining({ memberId: sale, memberLabel: 'Sale' }) });
    expect(await shop.entries({ action: 'product.tag_added', targetId: id })).toHaveLength(2);
  });

  it('records a tag renamed and deleted; deleting a linked tag records it removed from its products', async () => {
    const tag = String((await api.create('Tag', { name: 'Clearance' })).body.record!.params.id);
    expect((await api.edit('Tag', tag, { name: 'Last Chance' })).body.notice?.type).toBe('success');
    expect(await shop.entries({ action: 'tag.updated', targetId: tag })).toEqual([expect.objectContaining({ changes: { name: { from: 'Clearance', to: 'Last Chance' } }, actorId: shop.adminId })]);
    const product = await createProduct('Clearance Mug');
    expect((await api.edit('Product', product, { 'tags.0': tag })).body.notice?.type).toBe('success');
    expect((await api.remove('Tag', tag)).body.notice?.type).toBe('success');
    expect(await shop.dataSource.getRepository(Tag).findOneBy({ id: tag })).toBeNull();
    expect(await shop.entries({ action: 'tag.deleted', targetId: tag })).toEqual([expect.objectContaining({ targetLabel: 'Last Chance', actorId: shop.adminId })]);
    const removed = await shop.entries({ action: 'product.tag_removed', targetId: product });
    expect(removed).toEqual([expect.objectContaining({ actorId: shop.adminId, details: expect.objectContaining({ memberId: tag }) })]);
  });
});
