import { BaseEntity, BeforeInsert, BeforeUpdate, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { accountUserRules, enforce } from '../domain/rules.js';
import { Account } from './Account.js';
import type { UserRole } from './enums.js';
import { User } from './User.js';

/**
 * A user's membership of an account, with their role there. Users are shared by accounts; every
 * check of "may this person do that here" reads the role of this row for the current account.
 */
@Entity({ name: 'account_users' })
export class AccountUser extends BaseEntity {
  @PrimaryColumn({ type: 'int', name: 'account_id' })
  accountId!: number;

  @PrimaryColumn({ type: 'int', name: 'user_id' })
  userId!: number;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account!: Relation<Account>;

  @ManyToOne(() => User, (user) => user.accountMemberships, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: Relation<User>;

  @Column({ type: 'varchar', length: 20 })
  role!: UserRole;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @BeforeInsert()
  @BeforeUpdate()
  check(): void {
    enforce(accountUserRules, this);
  }
}
