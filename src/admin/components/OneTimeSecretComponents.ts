// The views that show a one-time secret (see OneTimeSecretResponse.ts), registered on the app's
// ComponentLoader under fixed names the resources' options refer to, and the texts they share.
// Paths are resolved next to this file, so they work from the sources (tsx, tests) and from the
// compiled dist/ alike.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentLoader } from 'adminjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Component names, as actions' `component` option gives them. */
export const OneTimeSecretComponent = {
  /** A "new" form that shows the secret the creation answered with (Users: invite, Webhooks: create). */
  newForm: 'OneTimeSecretNew',
  /** A record action's page: asks, then runs the action and shows the secret it answered with (resend invitation). */
  recordAction: 'OneTimeSecretAction',
} as const;

export function registerOneTimeSecretComponents(loader: ComponentLoader): void {
  // add() accepts the same name and file twice (two admins on one loader), and refuses a clash.
  loader.add(OneTimeSecretComponent.newForm, path.join(here, 'OneTimeSecretNew'));
  loader.add(OneTimeSecretComponent.recordAction, path.join(here, 'OneTimeSecretAction'));
}

/**
 * English texts of the dialog, the same for every resource that reveals a secret. AdminJS looks
 * texts up per resource first (`resources.<id>.buttons.…`), so each such resource spreads these
 * into its own translations (people.ts, webhook-translations.ts).
 */
export const oneTimeSecretTexts = {
  buttons: {
    copyOneTimeSecret: 'Copy',
    oneTimeSecretCopied: 'Copied',
    dismissOneTimeSecret: 'I have copied it, close',
  },
  messages: {
    oneTimeSecretShownOnce: 'Shown only once',
    oneTimeSecretCopyFailed: 'Copying did not work in this browser: select the text above and copy it yourself.',
    oneTimeSecretActionFailed: 'That did not go through. Reload the page to see where things stand, then try again.',
  },
};
