// The shop's activity catalogue: every action key the audit plugin may write, with its category
// and the sentence shown in the log. Start-up fails naming any key the declarations use but this lacks.
import { defineActivities, type SentenceInput } from '@hashtrail/adminjs-audit';

const did = (verb: string, what: string) => (e: SentenceInput) => `${e.actorName} ${verb} ${what} ${e.targetLabel ?? e.targetId ?? ''}`.trimEnd();
const member = (verb: string, what: string) => (e: SentenceInput) => `${e.actorName} ${verb} ${what} ${String(e.details.memberLabel ?? e.details.memberId ?? '')} ${verb === 'added' ? 'to' : 'from'} ${e.targetLabel}`;

export const activities = defineActivities({
  'product.created': { category: 'Product', sentence: did('created', 'product') },
  'product.updated': { category: 'Product', sentence: did('updated', 'product') },
  'product.deleted': { category: 'Product', sentence: did('deleted', 'product') },
  'product.tag_added': { category: 'Product', sentence: member('added', 'tag') },
  'product.tag_removed': { category: 'Product', sentence: member('removed', 'tag') },
  'tag.created': { category: 'Tag', sentence: did('created', 'tag') },
  'tag.updated': { category: 'Tag', sentence: did('renamed', 'tag') },
  'tag.deleted': { category: 'Tag', sentence: did('deleted', 'tag') },
  'customer.created': { category: 'Customer', sentence: did('created', 'customer') },
  'customer.updated': { category: 'Customer', sentence: did('updated', 'customer') },
  'customer.deleted': { category: 'Customer', sentence: did('deleted', 'customer') },
  'order.created': { category: 'Order', sentence: did('created', 'order') },
  'order.updated': { category: 'Order', sentence: did('updated', 'order') },
  'order.shipped': { category: 'Order', sentence: did('shipped', 'order') },
  'order.deleted': { category: 'Order', sentence: did('deleted', 'order') },
  'session.signed_in': { category: 'Session', sentence: (e) => `${e.actorName} signed in` },
  'session.signed_out': { category: 'Session', sentence: (e) => `${e.actorName} signed out` },
  'session.sign_in_failed': { category: 'Session', sentence: (e) => `Refused sign-in as ${e.targetLabel} (${String(e.details.reason)})` },
  'audit_log.export_started': { category: 'Audit log', sentence: (e) => `${e.actorName} started an export of the audit log (${String(e.details.format)})` },
  'audit_log.exported': { category: 'Audit log', sentence: (e) => `${e.actorName} exported the audit log (${String(e.details.rows)} rows)` },
  'audit_log.purged': { category: 'Audit log', sentence: (e) => `${e.actorName} purged old audit entries` },
});
