import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { teamRules } from '../domain/rules.js';
import { ValidatedEntity } from './validated-entity.js';

@Entity({ name: 'teams' })
export class Team extends ValidatedEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The account this row belongs to (part of its primary key in the database; the panel keys records by id alone). */
  @Column({ type: 'int', name: 'account_id' })
  accountId!: number;

  /** Unique case-insensitively (index on lower(name)). */
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean', name: 'allow_auto_assign', default: true })
  allowAutoAssign!: boolean;

  protected get rules() {
    return teamRules;
  }
}
