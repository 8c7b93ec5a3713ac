import { randomBytes } from 'node:crypto';
import { BaseEntity, BeforeInsert, BeforeUpdate, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { enforce, webhookRules } from '../domain/rules.js';
import type { WebhookEvent } from './enums.js';

@Entity({ name: 'webhooks' })
export class Webhook extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'text', array: true, name: 'subscribed_events', default: () => "'{}'" })
  subscribedEvents!: WebhookEvent[];

  /** HMAC key for payload signatures; generated on insert, shown once to its creator, never again. */
  @Column({ type: 'varchar', length: 100, name: 'signing_secret' })
  signingSecret!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @BeforeInsert()
  generateSecret(): void {
    this.signingSecret = `whsec_${randomBytes(24).toString('hex')}`;
  }

  @BeforeInsert()
  @BeforeUpdate()
  check(): void {
    enforce(webhookRules, this);
  }
}
