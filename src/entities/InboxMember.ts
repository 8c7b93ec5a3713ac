import { BaseEntity, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Inbox } from './Inbox.js';
import { User } from './User.js';

/** An agent's membership of an inbox; (inbox, user) is unique. */
@Entity({ name: 'inbox_members' })
export class InboxMember extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The account this row belongs to (part of its primary key in the database; the panel keys records by id alone). */
  @Column({ type: 'int', name: 'account_id' })
  accountId!: number;

  @Column({ type: 'int', name: 'inbox_id' })
  inboxId!: number;

  @ManyToOne(() => Inbox, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inbox_id' })
  inbox!: Relation<Inbox>;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
