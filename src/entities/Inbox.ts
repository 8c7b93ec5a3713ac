import { BaseEntity, BeforeInsert, BeforeUpdate, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { enforce, inboxRules } from '../domain/rules.js';
import type { InboxChannelType } from './enums.js';

@Entity({ name: 'inboxes' })
export class Inbox extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 20, name: 'channel_type' })
  channelType!: InboxChannelType;

  @Column({ type: 'text', nullable: true })
  greeting!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @BeforeInsert()
  @BeforeUpdate()
  check(): void {
    enforce(inboxRules, this);
  }
}
