// What an action answers with when it creates a secret that exists only in that answer: an
// invitation link (the database keeps only a hash of its token) or a webhook's signing secret (the
// panel never shows it again). The OneTimeSecret components show it in a dialog that stays until
// the administrator dismisses it. Nothing else carries the secret: not the notice (a toast that
// vanishes after a few seconds), not the record, not the audit log, not any later page.
//
// Shared by the server (actions) and the browser (components), so it imports types only.
import type { ActionResponse } from 'adminjs';

export interface OneTimeSecret {
  /** The secret itself. */
  value: string;
  /** Message key (of the action's resource) of the dialog's title. */
  titleKey: string;
  /** Message key of the dialog's "shown only once" explanation: what the secret is for, what to do if it is lost. */
  explanationKey: string;
  /** Values the two messages interpolate, like {{email}} or {{url}}. */
  values: Record<string, string>;
}

/** An action response carrying a one-time secret in its `oneTimeSecret` field. */
export type WithOneTimeSecret<R extends ActionResponse> = R & { oneTimeSecret: OneTimeSecret };

export function withOneTimeSecret<R extends ActionResponse>(response: R, secret: OneTimeSecret): WithOneTimeSecret<R> {
  return { ...response, oneTimeSecret: secret };
}

/** The one-time secret of an action response as the browser received it, or null when it has none. */
export function oneTimeSecretOf(data: unknown): OneTimeSecret | null {
  const secret = (data as { oneTimeSecret?: Partial<OneTimeSecret> } | null | undefined)?.oneTimeSecret;
  if (!secret || typeof secret.value !== 'string' || typeof secret.titleKey !== 'string' || typeof secret.explanationKey !== 'string') return null;
  return { value: secret.value, titleKey: secret.titleKey, explanationKey: secret.explanationKey, values: secret.values ?? {} };
}
