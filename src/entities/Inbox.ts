import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { inboxRules } from '../domain/rules.js';
import { ValidatedEntity } from './validated-entity.js';
import type { InboxChannelType } from './enums.js';

@Entity({ name: 'inboxes' })
export class Inbox extends ValidatedEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The account this row belongs to (part of its primary key in the database; the panel keys records by id alone). */
  @Column({ type: 'int', name: 'account_id' })
  accountId!: number;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 20, name: 'channel_type' })
  channelType!: InboxChannelType;

  @Column({ type: 'text', nullable: true })
  greeting!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  protected get rules() {
    return inboxRules;
  }
}
