// Field rules for every entity, defined once. Entities run them before each insert and update,
// so the panel, the seed and any other path get the same checks and the same messages.
import { z } from 'zod';
import {
  ACCOUNT_LOCALES,
  AUTOMATION_ACTION_TYPES,
  AUTOMATION_CONDITION_ATTRIBUTES,
  AUTOMATION_CONDITION_OPERATORS,
  AUTOMATION_EVENTS,
  INBOX_CHANNEL_TYPES,
  USER_AVAILABILITIES,
  USER_ROLES,
  USER_STATUSES,
  WEBHOOK_EVENTS,
} from '../entities/enums.js';
import { throwIfInvalid } from './invalid-record-error.js';

export const LIMITS = {
  nameLength: 120,
  descriptionLength: 2000,
  greetingLength: 2000,
  urlLength: 2048,
  ruleItems: 20,
  /** The longest audit retention an account may hold whatever the path: a century, as config's AUDIT_RETENTION_DAYS. */
  retentionDays: 36_500,
} as const;

const requiredText = (max: number) => z.string({ message: 'is required' }).trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullish();
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of: ${values.join(', ')}` });
const email = z.string({ message: 'is required' }).trim().toLowerCase().email('must be a valid email address').max(254);

const isValidTimezone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const accountRules = z.object({
  name: requiredText(LIMITS.nameLength),
  supportEmail: email,
  locale: oneOf(ACCOUNT_LOCALES).default('en'),
  timezone: z.string().default('UTC').refine(isValidTimezone, 'must be an IANA time zone such as Europe/Paris'),
  autoResolveAfterDays: z.number({ message: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1 day').max(365, 'must be at most 365 days').nullish(),
  // The database's floor and AUDIT_RETENTION_MAX_DAYS are checked where an administrator chooses it (account-retention.ts).
  auditRetentionDays: z
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(LIMITS.retentionDays, `must be at most ${LIMITS.retentionDays} days`)
    .nullish(),
});

export const userRules = z.object({
  name: requiredText(LIMITS.nameLength),
  displayName: optionalText(LIMITS.nameLength),
  email,
  availability: oneOf(USER_AVAILABILITIES).default('offline'),
  status: oneOf(USER_STATUSES).default('active'),
  locale: oneOf(ACCOUNT_LOCALES).nullish(),
});

/** A membership of an account: the role there. */
export const accountUserRules = z.object({
  role: oneOf(USER_ROLES),
});

export const inboxRules = z.object({
  name: requiredText(LIMITS.nameLength),
  channelType: oneOf(INBOX_CHANNEL_TYPES),
  greeting: optionalText(LIMITS.greetingLength),
});

export const teamRules = z.object({
  name: requiredText(LIMITS.nameLength),
  description: optionalText(LIMITS.descriptionLength),
});

export const webhookRules = z.object({
  url: z
    .string({ message: 'is required' })
    .trim()
    .max(LIMITS.urlLength, `must be at most ${LIMITS.urlLength} characters`)
    .refine((value) => {
      try {
        const parsed = new URL(value);
        return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0;
      } catch {
        return false;
      }
    }, 'must be an http:// or https:// URL'),
  subscribedEvents: z.array(oneOf(WEBHOOK_EVENTS)).min(1, 'choose at least one event'),
});

export const ruleConditionsShape = z
  .array(
    z.object({
      attribute: oneOf(AUTOMATION_CONDITION_ATTRIBUTES),
      operator: oneOf(AUTOMATION_CONDITION_OPERATORS),
      values: z.array(z.union([z.string(), z.number()])).min(1, 'each condition needs at least one value'),
    }).strict(),
    { message: 'must be a list of {attribute, operator, values} objects' },
  )
  .min(1, 'add at least one condition')
  .max(LIMITS.ruleItems, `at most ${LIMITS.ruleItems} conditions`);

export const ruleActionsShape = z
  .array(
    z.object({
      action: oneOf(AUTOMATION_ACTION_TYPES),
      params: z.array(z.union([z.string(), z.number()])).default([]),
    }).strict(),
    { message: 'must be a list of {action, params} objects' },
  )
  .min(1, 'add at least one action')
  .max(LIMITS.ruleItems, `at most ${LIMITS.ruleItems} actions`);

export const automationRuleRules = z.object({
  name: requiredText(LIMITS.nameLength),
  description: optionalText(LIMITS.descriptionLength),
  event: oneOf(AUTOMATION_EVENTS),
  conditions: ruleConditionsShape,
  actions: ruleActionsShape,
});

/** Checks `entity` against `rules`; normalises the values the rules transform (trimmed, lower-cased). */
export function enforce<T extends z.ZodObject>(rules: T, entity: object): void {
  const result = rules.safeParse(entity);
  if (!result.success) throwIfInvalid(result.error.issues);
  else Object.assign(entity, result.data);
}
