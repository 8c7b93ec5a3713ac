// My profile → API tokens: the page's view, registered on the app's ComponentLoader under the
// fixed name the action refers to (api-tokens-action.ts), and its English texts. Paths are
// resolved next to this file, so they work from the sources (tsx, tests) and from dist/ alike.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentLoader } from 'adminjs';
import { oneTimeSecretTexts } from './OneTimeSecretComponents.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export const ApiTokensComponent = {
  /** The page: the list with its Revoke buttons, the form that makes a token, the dialogs. */
  page: 'ApiTokens',
} as const;

export function registerApiTokensComponents(loader: ComponentLoader): void {
  loader.add(ApiTokensComponent.page, path.join(here, 'ApiTokens'));
}

/**
 * English texts of the page, in My profile's translations (en.ts merges them in). The new token is
 * shown in the one-time secret dialog, whose texts AdminJS looks up under the page's resource too.
 */
export const apiTokenTexts = {
  actions: { apiTokens: 'API tokens' },
  buttons: {
    ...oneTimeSecretTexts.buttons,
    createApiToken: 'Create token',
    revokeApiToken: 'Revoke',
    confirmRevokeApiToken: 'Revoke the token',
  },
  messages: {
    ...oneTimeSecretTexts.messages,
    apiTokensIntro:
      'A personal access token lets a program read the audit log through the API (GET /api/v1/audit_logs) as you. Each token is shown once, when it is made: MessageHub keeps only a hash of it.',
    apiTokenNewHeading: 'New token',
    apiTokenName: 'Name',
    apiTokenNameHelp: 'What the token is for, so you can tell it apart later (up to {{max}} characters).',
    apiTokenLifetime: 'Expires',
    apiTokenLifetime30: 'In 30 days',
    apiTokenLifetime90: 'In 90 days',
    apiTokenLifetime365: 'In a year',
    apiTokenLifetimeNever: 'Never',
    apiTokensHeading: 'Your tokens',
    apiTokensNone: 'You have no API tokens yet.',
    apiTokensNotLoaded: 'Your tokens could not be loaded. Reload the page to try again.',
    apiTokenColumnName: 'Name',
    apiTokenColumnHint: 'Token',
    apiTokenColumnCreated: 'Created',
    apiTokenColumnExpires: 'Expires',
    apiTokenColumnLastUsed: 'Last used',
    apiTokenColumnState: 'State',
    apiTokenNeverExpires: 'Never',
    apiTokenNotUsedYet: 'Not yet',
    apiTokenStateActive: 'Active',
    apiTokenStateExpired: 'Expired',
    apiTokenStateRevoked: 'Revoked',
    apiTokenRevokeTitle: 'Revoke the token "{{name}}"?',
    apiTokenRevokePrompt:
      'Programs using the token {{hint}} can no longer read the audit log, from now on. This cannot be undone: to let them read it again, make a new token.',
    apiTokenCreated: 'Token "{{name}}" made. Copy it from the dialog: it is shown only once.',
    apiTokenRevoked: 'Token "{{name}}" revoked: it no longer works.',
    apiTokenSecretTitle: 'API token "{{name}}"',
    apiTokenSecretExplanation:
      'This token is shown only once: MessageHub keeps only a hash of it and cannot show it again. Copy it now into the program that reads the audit log; it sends it in the Authorization header, after "Bearer". If it gets lost, revoke it and make a new one.',
    apiTokenForbidden: 'Only administrators may hold API tokens.',
    apiTokenInvalidName: 'Give the token a name of 1 to {{max}} characters, on one line.',
    apiTokenInvalidExpiry: 'That expiry is not allowed for API tokens here: choose a shorter one.',
    apiTokenTooMany: 'You already hold as many active tokens as allowed: revoke one you no longer use first.',
    apiTokenNotFound: 'That token is not one of yours, or it is already revoked. The list shows where things stand.',
    apiTokenUnknownRequest: 'This page does not make that request. Reload the page and try again.',
  },
};
