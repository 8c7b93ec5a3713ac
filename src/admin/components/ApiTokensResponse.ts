// What My profile → API tokens answers with, besides the record: the administrator's tokens as the
// page lists them (never a token itself, nor its hash: its first characters only), and what the
// creation form offers. A token just made travels once, as the answer's one-time secret
// (OneTimeSecretResponse.ts), never in this list.
//
// Shared by the server (api-tokens-action.ts) and the browser (ApiTokens.tsx), so it imports types only.
import type { ApiTokenState } from '@hashtrail/adminjs-audit';

/** How long a new token lives, as the form offers it; "never" where the account allows it. */
export const API_TOKEN_LIFETIMES = ['30', '90', '365', 'never'] as const;
export type ApiTokenLifetime = (typeof API_TOKEN_LIFETIMES)[number];
/** What the form starts with: a token that ends by itself unless told otherwise. */
export const DEFAULT_API_TOKEN_LIFETIME: ApiTokenLifetime = '90';

export const isApiTokenLifetime = (value: unknown): value is ApiTokenLifetime => (API_TOKEN_LIFETIMES as readonly unknown[]).includes(value);

/** A token's row: dates as ISO text (they arrive as JSON). */
export interface ApiTokenRow {
  id: string;
  name: string;
  /** The token's first characters ("hta_Xy3k…"), to tell tokens apart. */
  hint: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: ApiTokenState;
}

export interface ApiTokensPage {
  /** The administrator's tokens, newest first. */
  tokens: ApiTokenRow[];
  /** Longest name a token may have. */
  maxNameLength: number;
}

/** The action's answer carries the page in this field (not in the record's params: see api-tokens-action.ts). */
export const API_TOKENS_FIELD = 'apiTokensPage';

/** The page of an action response as the browser received it, or null when it has none (a refusal). */
export function apiTokensPageOf(data: unknown): ApiTokensPage | null {
  const page = (data as Record<string, Partial<ApiTokensPage> | undefined> | null | undefined)?.[API_TOKENS_FIELD];
  if (!page || !Array.isArray(page.tokens) || typeof page.maxNameLength !== 'number') return null;
  return { tokens: page.tokens, maxNameLength: page.maxNameLength };
}
