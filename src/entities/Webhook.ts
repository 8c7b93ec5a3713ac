import { randomBytes } from 'node:crypto';
import { BeforeInsert, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { webhookRules } from '../domain/rules.js';
import { ValidatedEntity } from './validated-entity.js';
import type { WebhookEvent } from './enums.js';

@Entity({ name: 'webhooks' })
export class Webhook extends ValidatedEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The account this row belongs to (part of its primary key in the database; the panel keys records by id alone). */
  @Column({ type: 'int', name: 'account_id' })
  accountId!: number;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'text', array: true, name: 'subscribed_events', default: () => "'{}'" })
  subscribedEvents!: WebhookEvent[];

  /** HMAC key for payload signatures; generated on insert, shown once to its creator, never again. */
  @Column({ type: 'varchar', length: 100, name: 'signing_secret' })
  signingSecret!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @BeforeInsert()
  generateSecret(): void {
    this.signingSecret = `whsec_${randomBytes(24).toString('hex')}`;
  }

  protected get rules() {
    return webhookRules;
  }
}
