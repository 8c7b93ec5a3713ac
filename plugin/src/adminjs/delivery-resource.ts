// "Audit Deliveries": where each entry stands with each sink (pending, retrying with the last
// error, delivered), for those the host lets read it. Read-only: every writing action is refused by the
// API, not only hidden; the worker alone changes delivery state.
import { Resource } from '@adminjs/typeorm';
import type { CurrentAdmin, ResourceOptions } from 'adminjs';
import { AuditDelivery } from '../entity/AuditDelivery.js';
import { auditLocaleEn } from '../locale/en.js';
import { REFUSED_ACTION } from './refused-action.js';

export interface AuditDeliveryResourceOptions {
  /** Who may see delivery state. */
  canRead: (admin: CurrentAdmin | undefined) => boolean;
  navigation?: ResourceOptions['navigation'];
}


export function auditDeliveryResource(options: AuditDeliveryResourceOptions): { resource: Resource; options: ResourceOptions } {
  const readable = ({ currentAdmin }: { currentAdmin?: CurrentAdmin }) => options.canRead(currentAdmin);
  return {
    resource: new Resource(AuditDelivery),
    options: {
      id: 'AuditDelivery',
      navigation: options.navigation,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['entryId', 'sink', 'state', 'attempts', 'lastError', 'nextAttemptAt', 'deliveredAt'],
      filterProperties: ['sink', 'state', 'entryId', 'eventId', 'createdAt', 'deliveredAt'],
      showProperties: ['id', 'entryId', 'eventId', 'sink', 'state', 'attempts', 'lastError', 'createdAt', 'lastAttemptAt', 'nextAttemptAt', 'leasedUntil', 'deliveredAt'],
      properties: {
        state: { availableValues: ['pending', 'retrying', 'delivered'].map((value) => ({ value, label: value })) },
        lastError: { type: 'textarea' },
      },
      actions: {
        list: { isAccessible: readable, isVisible: readable },
        show: { isAccessible: readable, isVisible: readable },
        search: { isAccessible: readable, isVisible: readable },
        new: REFUSED_ACTION,
        edit: REFUSED_ACTION,
        delete: REFUSED_ACTION,
        bulkDelete: REFUSED_ACTION,
      },
    },
  };
}

/**
 * English texts of the Audit Deliveries resource, the same as `auditLocaleEn.resources.AuditDelivery`;
 * kept for hosts that merge only these into their `resources` translations.
 */
export const auditDeliveryTranslations = { AuditDelivery: auditLocaleEn.resources.AuditDelivery };
