import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who signs in to the panel. Not shown in the panel; no roles, just a superuser flag. */
@Entity({ name: 'admin_users' })
export class AdminUser extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 100, name: 'password_hash' })
  passwordHash!: string;

  @Column({ type: 'boolean', name: 'is_superuser', default: false })
  isSuperuser!: boolean;
}
