import { ACCOUNT_ID_AS_TEXT } from './account-id.js';
import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Before and after values of one changed field; secrets hold the mask instead of values. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

export type ChangeSet = Record<string, FieldChange>;

/**
 * One audit entry. Rows are append-only: the database refuses UPDATE, DELETE and TRUNCATE
 * (see the migration). Column names are explicit so any naming strategy maps them the same.
 */
// synchronize: false: the table, its triggers and indexes come from auditMigrations only.
@Entity({ name: 'audit_logs', synchronize: false })
export class AuditLog extends BaseEntity {
  /** bigint comes back from pg as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 200, name: 'actor_name' })
  actorName!: string;

  @Column({ type: 'varchar', length: 254, name: 'actor_email', nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'varchar', length: 60, name: 'actor_role', nullable: true })
  actorRole!: string | null;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ type: 'varchar', length: 60 })
  category!: string;

  @Column({ type: 'varchar', length: 60, name: 'target_type', nullable: true })
  targetType!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'target_id', nullable: true })
  targetId!: string | null;

  @Column({ type: 'varchar', length: 300, name: 'target_label', nullable: true })
  targetLabel!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  changes!: ChangeSet | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 512, name: 'user_agent', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'request_id', nullable: true })
  requestId!: string | null;

  /** Text whatever the column's type (a host with accounts may make it integer, bigint or uuid: migration 800). */
  @Column({ type: 'varchar', length: 64, name: 'account_id', nullable: true, transformer: ACCOUNT_ID_AS_TEXT })
  accountId!: string | null;

  /**
   * The sentence in the account's language when the entry was written: what the search box matches.
   * Readers see the sentence rendered from `action` and `params` in their own language instead.
   */
  @Column({ type: 'text' })
  sentence!: string;

  /** The values the sentence template needs beyond the other columns (catalogue `params`). Hashed. */
  @Column({ type: 'jsonb', nullable: true })
  params!: Record<string, unknown> | null;

  /** The canonical format the entry was hashed with (chain/canonical.ts): 1 before 0.3, 2 since. */
  @Column({ type: 'smallint', name: 'chain_format', default: 1 })
  chainFormat!: number;

  /** Position in the hash chain: gap-free, assigned under the chain head's lock (plugin/chain). */
  @Column({ type: 'bigint', name: 'chain_seq', nullable: true })
  chainSeq!: string | null;

  /** Stable id of this entry for sink receivers to de-duplicate deliveries. */
  @Column({ type: 'uuid', name: 'event_id', nullable: true })
  eventId!: string | null;

  /** Null only on rows written around the writer, which `audit:verify` reports. */
  @Column({ type: 'char', length: 64, name: 'prev_hash', nullable: true })
  prevHash!: string | null;

  /** SHA-256 over prevHash and the entry's canonical content (plugin/chain/canonical.ts). */
  @Column({ type: 'char', length: 64, nullable: true })
  hash!: string | null;
}
