// The shop's activity catalogue: every action key the audit plugin may write, with its category
// and the sentence shown in the log (an English template; entries keep its values and are rendered
// in each reader's language). Start-up fails naming any key the declarations use but this lacks.
import { defineActivities, type SentenceInput } from '@hashtrail/adminjs-audit';

const member = (e: SentenceInput) => ({ member: String(e.details.memberLabel ?? e.details.memberId ?? '') });

export const activities = defineActivities({
  'product.created': { category: 'Product', sentence: '{{actor}} created product {{target}}' },
  'product.updated': { category: 'Product', sentence: '{{actor}} updated product {{target}}' },
  'product.deleted': { category: 'Product', sentence: '{{actor}} deleted product {{target}}' },
  'product.tag_added': { category: 'Product', sentence: '{{actor}} added tag {{member}} to {{target}}', params: member },
  'product.tag_removed': { category: 'Product', sentence: '{{actor}} removed tag {{member}} from {{target}}', params: member },
  'tag.created': { category: 'Tag', sentence: '{{actor}} created tag {{target}}' },
  'tag.updated': { category: 'Tag', sentence: '{{actor}} renamed tag {{target}}' },
  'tag.deleted': { category: 'Tag', sentence: '{{actor}} deleted tag {{target}}' },
  'customer.created': { category: 'Customer', sentence: '{{actor}} created customer {{target}}' },
  'customer.updated': { category: 'Customer', sentence: '{{actor}} updated customer {{target}}' },
  'customer.deleted': { category: 'Customer', sentence: '{{actor}} deleted customer {{target}}' },
  'order.created': { category: 'Order', sentence: '{{actor}} created order {{target}}' },
  'order.updated': { category: 'Order', sentence: '{{actor}} updated order {{target}}' },
  'order.shipped': { category: 'Order', sentence: '{{actor}} shipped order {{target}}' },
  'order.deleted': { category: 'Order', sentence: '{{actor}} deleted order {{target}}' },
  'session.signed_in': { category: 'Session', sentence: '{{actor}} signed in' },
  'session.signed_out': { category: 'Session', sentence: '{{actor}} signed out' },
  'session.sign_in_failed': { category: 'Session', sentence: 'Refused sign-in as {{target}} ({{reason}})' },
  'audit_log.export_started': { category: 'Audit log', sentence: '{{actor}} started an export of the audit log ({{format}})' },
  'audit_log.exported': { category: 'Audit log', sentence: '{{actor}} exported the audit log ({{rows}} rows)' },
  'audit_log.purged': { category: 'Audit log', sentence: '{{actor}} purged old audit entries' },
  'audit_log.read_via_api': { category: 'Audit log', sentence: '{{actor}} read the audit log through the API with the token "{{target}}"' },
  'api_token.created': { category: 'API token', sentence: '{{actor}} created the API token "{{target}}"' },
  'api_token.revoked': { category: 'API token', sentence: '{{actor}} revoked the API token "{{target}}"' },
  'api_token.refused': { category: 'API token', sentence: 'The {{state}} API token "{{target}}" was presented and refused' },
});
