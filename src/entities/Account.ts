import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { accountRules } from '../domain/rules.js';
import { ValidatedEntity } from './validated-entity.js';

/** An account: one customer of the deployment, with its settings. Everything in the panel belongs to one (docs/decisions/0023-many-accounts.md). */
@Entity({ name: 'account' })
export class Account extends ValidatedEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 254, name: 'support_email' })
  supportEmail!: string;

  @Column({ type: 'varchar', length: 10, default: 'en' })
  locale!: string;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone!: string;

  @Column({ type: 'int', name: 'auto_resolve_after_days', nullable: true })
  autoResolveAfterDays!: number | null;

  @Column({ type: 'boolean', name: 'csat_survey_enabled', default: false })
  csatSurveyEnabled!: boolean;

  @Column({ type: 'boolean', name: 'auto_assignment_enabled', default: true })
  autoAssignmentEnabled!: boolean;

  @Column({ type: 'boolean', name: 'email_transcripts_enabled', default: false })
  emailTranscriptsEnabled!: boolean;

  /** Days the account's audit entries are kept before the retention purge removes them; null: AUDIT_RETENTION_DAYS. */
  @Column({ type: 'int', name: 'audit_retention_days', nullable: true })
  auditRetentionDays!: number | null;

  protected get rules() {
    return accountRules;
  }
}
