import { BaseEntity, BeforeInsert, BeforeUpdate, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { enforce, teamRules } from '../domain/rules.js';

@Entity({ name: 'teams' })
export class Team extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** Unique case-insensitively (index on lower(name)). */
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean', name: 'allow_auto_assign', default: true })
  allowAutoAssign!: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @BeforeInsert()
  @BeforeUpdate()
  check(): void {
    enforce(teamRules, this);
  }
}
