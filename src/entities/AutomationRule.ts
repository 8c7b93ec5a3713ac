import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { automationRuleRules } from '../domain/rules.js';
import { ValidatedEntity } from './validated-entity.js';
import type { AutomationEvent } from './enums.js';

export interface RuleCondition {
  attribute: string;
  operator: string;
  values: Array<string | number>;
}

export interface RuleAction {
  action: string;
  params: Array<string | number>;
}

@Entity({ name: 'automation_rules' })
export class AutomationRule extends ValidatedEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The account this row belongs to (part of its primary key in the database; the panel keys records by id alone). */
  @Column({ type: 'int', name: 'account_id' })
  accountId!: number;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 40 })
  event!: AutomationEvent;

  /** Validated shape: see ruleConditionsShape in domain/rules.ts. */
  @Column({ type: 'jsonb' })
  conditions!: RuleCondition[];

  /** Validated shape: see ruleActionsShape in domain/rules.ts. */
  @Column({ type: 'jsonb' })
  actions!: RuleAction[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  protected get rules() {
    return automationRuleRules;
  }
}
