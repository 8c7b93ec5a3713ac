/**
 * Thrown by entity checks with one message per field. The audit plugin's resource turns any error
 * carrying `fieldErrors` into the panel's per-field validation messages.
 */
export class InvalidRecordError extends Error {
  constructor(public readonly fieldErrors: Record<string, string>) {
    super(`Invalid record: ${Object.entries(fieldErrors).map(([field, message]) => `${field} ${message}`).join('; ')}`);
    this.name = 'InvalidRecordError';
  }
}

/** Runs a zod-style check result into an InvalidRecordError when it failed. */
export function throwIfInvalid(issues: Array<{ path: PropertyKey[]; message: string }>): void {
  if (issues.length === 0) return;
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'base');
    fieldErrors[field] ??= issue.message;
  }
  throw new InvalidRecordError(fieldErrors);
}
