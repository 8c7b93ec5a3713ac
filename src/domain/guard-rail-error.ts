/**
 * A change refused because it would lock the account out (the last active administrator demoted,
 * disabled or deleted; an administrator demoting themselves). Carries `fieldErrors`, so the panel
 * shows the message next to the field, and `summary`, the one sentence shown as the notice.
 */
export class GuardRailError extends Error {
  readonly fieldErrors: Record<string, string>;
  readonly summary: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'GuardRailError';
    this.fieldErrors = { [field]: message };
    this.summary = `Not saved: ${message}`;
  }
}
