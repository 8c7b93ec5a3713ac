import { ACCOUNT_ID_AS_TEXT } from './account-id.js';
import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A personal access token for the read API (api/). Only the token's SHA-256 is kept; the token
 * itself is shown once, when it is made. See migration/add-audit-api.ts.
 */
// synchronize: false: the table comes from auditMigrations only.
@Entity({ name: 'audit_api_tokens', synchronize: false })
export class AuditApiToken extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The actor id of the administrator it belongs to (what the actor mapper gives as `id`). */
  @Column({ type: 'varchar', length: 64, name: 'owner_id' })
  ownerId!: string;

  /** Text whatever the column's type (a host with accounts may make it integer, bigint or uuid: migration 800). */
  @Column({ type: 'varchar', length: 64, name: 'account_id', nullable: true, transformer: ACCOUNT_ID_AS_TEXT })
  accountId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'char', length: 64, name: 'token_hash', select: false })
  tokenHash!: string;

  /** The token's first characters, so its owner can tell tokens apart ("hta_Xy3k…"). */
  @Column({ type: 'varchar', length: 20, name: 'token_hint' })
  tokenHint!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  /** Start of the last read window in which a read through this token was recorded. */
  @Column({ type: 'timestamptz', name: 'read_recorded_for', nullable: true })
  readRecordedFor!: Date | null;
}
