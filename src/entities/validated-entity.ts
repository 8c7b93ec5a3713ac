import { BaseEntity, BeforeInsert, BeforeUpdate, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import type { z } from 'zod';
import { enforce } from '../domain/rules.js';

/**
 * What every settings entity shares: timestamps, and its field rules checked before each insert
 * and update, whichever path saves it (panel, seed, invitation page).
 */
export abstract class ValidatedEntity extends BaseEntity {
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  /** A getter, not a field: it stays out of the records AdminJS builds from the entity. */
  protected abstract get rules(): z.ZodObject;

  @BeforeInsert()
  @BeforeUpdate()
  check(): void {
    enforce(this.rules, this);
  }
}
