// The one list of what never enters an audit entry. Fields whose names match are recorded as
// changed, with both values replaced by REDACTED. Entities can add their own field names.

export const REDACTED = '[redacted]';

/** Field-name fragments that always mean a secret, matched case-insensitively without _ or -. */
export const SECRET_FIELD_PATTERNS: readonly RegExp[] = [
  /password/,
  /passwd/,
  /secret/,
  /token/,
  /apikey/,
  /sessionid/,
  /privatekey/,
  /otp/,
];

export function isSecretField(field: string, extraSecrets: readonly string[] = []): boolean {
  if (extraSecrets.includes(field)) return true;
  const normalized = field.toLowerCase().replace(/[_-]/g, '');
  return SECRET_FIELD_PATTERNS.some((pattern) => pattern.test(normalized));
}
