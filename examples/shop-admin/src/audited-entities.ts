// What the audit log records of each shop entity, and how the entity shows in the panel: one
// declaration per entity (the plugin builds the AdminJS resources from them).
import { auditEntity } from '@hashtrail/adminjs-audit';
import { Customer, Order, Product, Tag } from './entities/index.js';
import { markShipped } from './mark-shipped.js';
import { tagIdsToObjects, withTagIds } from './product-tags.js';

const label = (row: Record<string, unknown>) => String(row.name);
const shop = { name: 'Shop', icon: 'ShoppingCart' };

export const auditedEntities = [
  auditEntity({
    entity: Product,
    targetType: 'product',
    label,
    redact: ['apiKey'],
    created: 'product.created',
    updated: 'product.updated',
    deleted: 'product.deleted',
    links: { tags: { added: 'product.tag_added', removed: 'product.tag_removed', label } },
    resource: {
      options: {
        navigation: shop,
        properties: {
          // A secret: typed into the edit form to rotate it, never shown; blank leaves it as it is.
          apiKey: { isVisible: { list: false, show: false, filter: false, edit: true } },
          tags: { type: 'reference', reference: 'Tag', isArray: true },
        },
        actions: { new: { before: tagIdsToObjects }, edit: { before: tagIdsToObjects, after: withTagIds }, show: { after: withTagIds } },
      },
    },
  }),
  auditEntity({ entity: Tag, targetType: 'tag', label, created: 'tag.created', updated: 'tag.updated', deleted: 'tag.deleted', resource: { options: { navigation: shop } } }),
  auditEntity({
    entity: Customer,
    targetType: 'customer',
    label,
    created: 'customer.created',
    updated: 'customer.updated',
    deleted: 'customer.deleted',
    resource: { options: { navigation: shop } },
  }),
  auditEntity({
    entity: Order,
    targetType: 'order',
    label: (row) => String(row.reference),
    created: 'order.created',
    deleted: 'order.deleted',
    // Shipping is its own activity; any other change is an update.
    updateActions: ['order.shipped', 'order.updated'],
    classifyUpdate: ({ changes }) => [
      { action: 'order.shipped', fields: changes.status?.to === 'shipped' ? ['status'] : [] },
      { action: 'order.updated', fields: Object.keys(changes).filter((field) => !(field === 'status' && changes.status?.to === 'shipped')) },
    ],
    resource: { options: { navigation: shop, actions: { markShipped } } },
  }),
];
