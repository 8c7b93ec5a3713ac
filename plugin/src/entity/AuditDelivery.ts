import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One entry's delivery to one sink (the outbox row; see migration/add-audit-outbox.ts). Written by
 * the audit writer, moved along by the delivery worker, read by administrators in the panel.
 */
// synchronize: false: the table comes from auditMigrations only.
@Entity({ name: 'audit_outbox', synchronize: false })
export class AuditDelivery extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'bigint', name: 'entry_id' })
  entryId!: string;

  @Column({ type: 'uuid', name: 'event_id' })
  eventId!: string;

  @Column({ type: 'varchar', length: 100 })
  sink!: string;

  /** The entry's account (as text), null for the global chain's entries (migration 1764000000820). */
  @Column({ type: 'text', name: 'account_id', nullable: true })
  accountId!: string | null;

  /** pending (never tried), retrying (tried, not yet received) or delivered; computed by the database. */
  @Column({ type: 'varchar', length: 10, insert: false, update: false })
  state!: 'pending' | 'retrying' | 'delivered';

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'last_attempt_at', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  @Column({ type: 'timestamptz', name: 'leased_until', nullable: true })
  leasedUntil!: Date | null;

  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;
}
