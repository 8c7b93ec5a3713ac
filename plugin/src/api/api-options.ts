// The read API's options (createAuditPlugin's `api`), each limit named with its default.
import type { CurrentAdmin } from 'adminjs';

export interface AuditApiOptions {
  /**
   * The signed-in admin a token acts as. `ownerId` is the id your actor mapper gave for the admin
   * who made the token (the `actor` option; by default AdminJS's `admin.id`). Return that user as your `authenticate` would return
   * them now (role included), or null when they may no longer sign in (disabled, removed). Asked
   * on every request, so a token stops working the moment its owner does. `accountId`: the account
   * the token was made in (hosts with accounts): return the owner as they are in that account
   * (their role there), or null when they are no longer one of its members.
   */
  ownerAdmin: (ownerId: string, accountId: string | null) => Promise<CurrentAdmin | null>;
  /** Who may hold and use tokens, on top of reading the log (the viewer's canRead). Default: whoever may read it. */
  canUse?: (admin: CurrentAdmin) => boolean;
  /** Entries on a page when the request names no `limit`. Default 50. */
  defaultLimit?: number;
  /** Most entries one page may hold (a larger `limit` is a 400). Default 500. */
  maxLimit?: number;
  /** Requests one token may make per `rateWindowSeconds`, counted in the database for every instance. Default 120. */
  rateLimit?: number;
  /** The window the rate limit counts over. Default 60 s. */
  rateWindowSeconds?: number;
  /** Reading through a token is recorded once per token per window this long. Default 60 minutes. */
  readWindowMinutes?: number;
  /** Tokens one administrator may hold at once (revoked and expired ones do not count). Default 20. */
  maxTokensPerOwner?: number;
  /** Longest a token may live, in days; null: no limit (a token without an expiry is allowed). Default null. */
  maxLifetimeDays?: number | null;
  /** Start of every token, so a leaked one is easy to recognise (secret scanners, logs). Default `hta_`. */
  tokenPrefix?: string;
  /** Action keys of the API's entries; each must be in the catalogue. */
  actions?: Partial<ApiActions>;
}

export interface ApiActions {
  /** An administrator made a token. Default `api_token.created`. */
  created: string;
  /** An administrator revoked a token. Default `api_token.revoked`. */
  revoked: string;
  /** A revoked or expired token was presented (once per token per read window). Default `api_token.refused`. */
  refused: string;
  /** The log was read through a token (once per token per read window). Default `audit_log.read_via_api`. */
  read: string;
}

export const DEFAULT_API_ACTIONS: ApiActions = {
  created: 'api_token.created',
  revoked: 'api_token.revoked',
  refused: 'api_token.refused',
  read: 'audit_log.read_via_api',
};

export type ApiSettings = Required<Omit<AuditApiOptions, 'canUse' | 'actions'>> & {
  canUse: (admin: CurrentAdmin) => boolean;
  actions: ApiActions;
};

export const API_DEFAULTS = {
  defaultLimit: 50,
  maxLimit: 500,
  rateLimit: 120,
  rateWindowSeconds: 60,
  readWindowMinutes: 60,
  maxTokensPerOwner: 20,
  maxLifetimeDays: null,
  tokenPrefix: 'hta_',
} as const;

/** The options with defaults applied; a limit that is not a positive whole number stops start-up. */
export function apiSettings(options: AuditApiOptions): ApiSettings {
  if (typeof options.ownerAdmin !== 'function') throw new Error('auditApi: ownerAdmin(ownerId) is required (who a token acts as)');
  const settings: ApiSettings = {
    ownerAdmin: options.ownerAdmin,
    canUse: options.canUse ?? (() => true),
    defaultLimit: options.defaultLimit ?? API_DEFAULTS.defaultLimit,
    maxLimit: options.maxLimit ?? API_DEFAULTS.maxLimit,
    rateLimit: options.rateLimit ?? API_DEFAULTS.rateLimit,
    rateWindowSeconds: options.rateWindowSeconds ?? API_DEFAULTS.rateWindowSeconds,
    readWindowMinutes: options.readWindowMinutes ?? API_DEFAULTS.readWindowMinutes,
    maxTokensPerOwner: options.maxTokensPerOwner ?? API_DEFAULTS.maxTokensPerOwner,
    maxLifetimeDays: options.maxLifetimeDays === undefined ? API_DEFAULTS.maxLifetimeDays : options.maxLifetimeDays,
    tokenPrefix: options.tokenPrefix ?? API_DEFAULTS.tokenPrefix,
    actions: { ...DEFAULT_API_ACTIONS, ...options.actions },
  };
  for (const name of ['defaultLimit', 'maxLimit', 'rateLimit', 'rateWindowSeconds', 'readWindowMinutes', 'maxTokensPerOwner'] as const) {
    const value = settings[name];
    if (!Number.isInteger(value) || value < 1) throw new Error(`auditApi: ${name} must be a whole number ≥ 1 (got ${value})`);
  }
  if (settings.defaultLimit > settings.maxLimit) throw new Error(`auditApi: defaultLimit (${settings.defaultLimit}) is above maxLimit (${settings.maxLimit})`);
  if (settings.maxLifetimeDays !== null && !(settings.maxLifetimeDays > 0)) throw new Error(`auditApi: maxLifetimeDays must be a number > 0 or null (got ${settings.maxLifetimeDays})`);
  if (!/^[A-Za-z0-9_]{1,8}$/.test(settings.tokenPrefix)) throw new Error(`auditApi: tokenPrefix must be 1–8 letters, digits or _ (got "${settings.tokenPrefix}")`);
  return settings;
}
