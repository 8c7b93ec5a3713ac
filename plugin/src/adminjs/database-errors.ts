// Turns what the database and the entities refuse into messages the panel shows next to the
// field, or at the top of the form. Nothing here reports success for a change that did not happen.
import { ValidationError } from 'adminjs';
import { QueryFailedError, type EntityMetadata } from 'typeorm';
import { AuditWriteError } from '../writer/audit-writer.js';

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
  message: string;
}

function hasFieldErrors(error: unknown): error is { fieldErrors: Record<string, string>; summary?: unknown } {
  return typeof error === 'object' && error !== null && 'fieldErrors' in error && typeof (error as { fieldErrors: unknown }).fieldErrors === 'object';
}


/** "Key (lower(email::text))=(a@b.c) already exists." -> the entity property behind the column. */
function uniqueField(metadata: EntityMetadata, detail: string | undefined, accountProperty?: string): string | null {
  const match = detail?.match(/^Key \((.+?)\)=/);
  if (!match) return null;
  // The key's first column, past the account's: in a key unique per account, the account is not what clashed.
  const properties = match[1]!
    .split(',')
    .map((column) => column.trim().replace(/^lower\((.+?)(::\w+)?\)$/, '$1'))
    .map((columnName) => metadata.columns.find((c) => c.databaseName === columnName)?.propertyName ?? null);
  return properties.find((property) => property !== null && property !== accountProperty) ?? properties[0] ?? null;
}

export const BASE_ERROR_KEY = 'base';
/**
 * A refusal of the record as a whole (no field to show it next to). AdminJS counts a record valid
 * when it has no *property* errors (a base error alone is reported as "successfully created"), so
 * the message is also filed under the `base` key, which no field shows.
 */
export const recordError = (message: string) => new ValidationError({ [BASE_ERROR_KEY]: { message, type: 'base' } }, { message, type: 'base' });

/** A plugin message in the panel's language (locale key `messages.<key>`), placeholders filled. */
export type PanelText = (key: string, values?: Record<string, unknown>) => string;

/** `accountProperty`: the entity's account property (never the field a duplicate is shown at). */
export function toPanelError(error: unknown, metadata: EntityMetadata, text: PanelText, accountProperty?: string): unknown {
  if (error instanceof ValidationError) return error;
  if (error instanceof AuditWriteError) {
    return recordError(text('auditNotSavedEntryFailed', { reason: error.reason }));
  }
  if (hasFieldErrors(error)) {
    const propertyErrors = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, message]) => [field, { message, type: 'invalid' }]),
    );
    // An error may say in one sentence what was refused (`summary`); actions without a form (delete) show only that.
    const summary = typeof error.summary === 'string' && error.summary ? error.summary : text('auditNotSavedFields');
    return new ValidationError(propertyErrors, { message: summary, type: 'invalid' });
  }
  if (error instanceof QueryFailedError) {
    const pg = error.driverError as PgError;
    switch (pg.code) {
      case '23505': {
        const field = uniqueField(metadata, pg.detail, accountProperty);
        if (field) return new ValidationError({ [field]: { message: text('auditAlreadyTaken'), type: 'unique' } }, { message: text('auditNotSavedDuplicate'), type: 'unique' });
        return recordError(text('auditNotSavedDuplicates'));
      }
      case '23503':
        return recordError(text('auditNotSavedReference'));
      case '23514':
      case '23502':
      case '22001':
      case '22003':
      case '22P02':
      case '22007':
        return recordError(text('auditNotSavedRefusedValue', { detail: pg.message }));
      default:
        return recordError(text('auditNotSavedRefusedChange', { detail: pg.message }));
    }
  }
  return error;
}
