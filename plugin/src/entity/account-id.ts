import type { ValueTransformer } from 'typeorm';

/** An account id as the entities hold it: text, whatever SQL type the host gave the column. */
export const ACCOUNT_ID_AS_TEXT: ValueTransformer = {
  from: (value: unknown) => (value === null || value === undefined ? null : String(value)),
  to: (value: unknown) => value,
};
