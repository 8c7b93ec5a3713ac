import { Column, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { userRules } from '../domain/rules.js';
import { ValidatedEntity } from './validated-entity.js';
import type { UserAvailability, UserStatus } from './enums.js';
import { AccountUser } from './AccountUser.js';

/** A person who signs in. Global: the accounts they belong to, and their role in each, are in account_users. */
@Entity({ name: 'users' })
export class User extends ValidatedEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 120, name: 'display_name', nullable: true })
  displayName!: string | null;

  /** Unique case-insensitively (index on lower(email)); stored lower-cased by the rules. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** bcrypt hash; null until an invited user sets a password. Never sent to the browser. */
  @Column({ type: 'varchar', length: 100, name: 'password_hash', nullable: true, select: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'offline' })
  availability!: UserAvailability;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status!: UserStatus;

  /** The panel's language this user chose (src/domain/languages.ts); null: the account's. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  locale!: string | null;

  /** SHA-256 (hex) of the pending invitation link's token; null once accepted or revoked. A secret. */
  @Column({ type: 'char', length: 64, name: 'invitation_token_hash', nullable: true })
  invitationTokenHash!: string | null;

  /** When the pending invitation link stops working. */
  @Column({ type: 'timestamptz', name: 'invitation_expires_at', nullable: true })
  invitationExpiresAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'last_sign_in_at', nullable: true })
  lastSignInAt!: Date | null;

  /** The account this user entered last (signing in, or switching): entered again at their next sign-in. */
  @Column({ type: 'int', name: 'last_account_id', nullable: true })
  lastAccountId!: number | null;

  /**
   * The accounts this user belongs to, with their role in each (users are shared by accounts; the
   * role is per account). Never loaded by the panel: it is there for where conditions such as
   * `{ accountMemberships: { accountId } }`.
   */
  @OneToMany(() => AccountUser, (membership) => membership.user)
  accountMemberships!: Relation<AccountUser[]>;

  protected get rules() {
    return userRules;
  }
}
