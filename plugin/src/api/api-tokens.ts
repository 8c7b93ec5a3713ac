// Personal access tokens: made, listed and revoked by their owner (an administrator), checked on
// every API request. Only a token's SHA-256 is stored; the token is handed out once, at creation.
// Making and revoking a token is recorded in the same transaction as the change; a revoked or
// expired token presented to the API is recorded too, once per token per read window (a client
// retrying a dead token in a loop must not flood the log).
import { createHash, randomBytes } from 'node:crypto';
import type { CurrentAdmin } from 'adminjs';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorSnapshot, RequestInfo } from '../context/request-context.js';
import { AuditApiToken } from '../entity/AuditApiToken.js';
import type { AccountResolver } from '../adminjs/action-scope.js';
import { AccountScope } from '../adminjs/audit-log-query.js';
import type { ActivityDraft } from '../writer/audit-writer.js';
import type { ApiSettings } from './api-options.js';

/** Why a token operation was refused; `code` is stable, the message a locale key's English. */
export class ApiTokenError extends Error {
  constructor(
    readonly code: 'forbidden' | 'invalid_name' | 'invalid_expiry' | 'too_many' | 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'ApiTokenError';
  }

  /** The HTTP status a host's token routes answer with. */
  get status(): 400 | 403 | 404 | 409 {
    return { forbidden: 403, invalid_name: 400, invalid_expiry: 400, too_many: 409, not_found: 404 }[this.code] as 400 | 403 | 404 | 409;
  }
}

export type ApiTokenState = 'active' | 'expired' | 'revoked';

/** A token as its owner sees it: never the token itself. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  /** The token's first characters ("hta_Xy3k…"). */
  hint: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  state: ApiTokenState;
}

export interface CreatedApiToken extends ApiTokenInfo {
  /** The token: shown once, stored nowhere. */
  token: string;
}

/** What a presented token turned out to be. */
export type TokenCheck =
  | { ok: true; token: AuditApiToken; admin: CurrentAdmin }
  | { ok: false; status: 401 | 403; reason: 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired' | 'owner_inactive' | 'not_allowed' };

export interface ApiTokenDeps {
  dataSource: DataSource;
  record: (manager: EntityManager, draft: ActivityDraft) => Promise<void>;
  actorOf: (admin: CurrentAdmin | undefined) => ActorSnapshot | undefined;
  canRead: (admin: CurrentAdmin | undefined) => boolean;
  /** The plugin's accountId option: the account of tokens made where there are no accounts. */
  accountId: () => string | null;
  /**
   * Hosts with accounts: the admin's current account. A token is made in it, reads only its
   * entries, and is listed and revoked only there.
   */
  accountOf?: AccountResolver;
  settings: ApiSettings;
}

export const MAX_TOKEN_NAME_LENGTH = 100;
const TOKEN_BYTES = 32;
const HINT_LENGTH = 8;

export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const stateOf = (row: AuditApiToken, now = new Date()): ApiTokenState =>
  row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active';

/** What a token's owner is shown of it: its first characters, then an ellipsis. */
const hintOf = (tokenHint: string) => `${tokenHint}…`;

const infoOf = (row: AuditApiToken): ApiTokenInfo => ({
  id: row.id,
  name: row.name,
  hint: hintOf(row.tokenHint),
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  revokedAt: row.revokedAt,
  lastUsedAt: row.lastUsedAt,
  state: stateOf(row),
});

export class ApiTokens {
  constructor(private readonly deps: ApiTokenDeps) {}

  /** Whether `admin` may hold tokens: reads the log, and the host's canUse. */
  mayHold(admin: CurrentAdmin | undefined): admin is CurrentAdmin {
    return !!admin && this.deps.canRead(admin) && this.deps.settings.canUse(admin);
  }

  private ownerIdOf(admin: CurrentAdmin | undefined): string {
    const id = this.mayHold(admin) ? this.deps.actorOf(admin)?.id : undefined;
    if (!id) throw new ApiTokenError('forbidden', 'Only administrators may hold API tokens');
    return String(id);
  }

  /** The account `admin`'s tokens live in: their current one (hosts with accounts), else the plugin's accountId. */
  private accountOfOwner(admin: CurrentAdmin | undefined): string | null {
    if (!this.deps.accountOf) return this.deps.accountId();
    const account = this.deps.accountOf(admin);
    if (account === undefined) throw new ApiTokenError('forbidden', 'API tokens belong to an account: pick one first');
    return account;
  }

  /** `admin`'s tokens (in their current account, with accounts), newest first. */
  async list(admin: CurrentAdmin | undefined): Promise<ApiTokenInfo[]> {
    const ownerId = this.ownerIdOf(admin);
    const qb = this.deps.dataSource.getRepository(AuditApiToken).createQueryBuilder('t').where('t.owner_id = :ownerId', { ownerId });
    if (this.deps.accountOf) qb.andWhere('t.account_id = :account', { account: this.accountOfOwner(admin) });
    const rows = await qb.orderBy('t.created_at', 'DESC').getMany();
    return rows.map(infoOf);
  }

  /**
   * Makes a token for `admin` and records it, in one transaction. `expiresAt`: null for a token
   * that does not expire (refused when `maxLifetimeDays` is set).
   */
  async create(admin: CurrentAdmin | undefined, input: { name: unknown; expiresAt?: Date | null }, request?: RequestInfo): Promise<CreatedApiToken> {
    const ownerId = this.ownerIdOf(admin);
    const accountId = this.accountOfOwner(admin);
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    // Control characters would let a name forge lines in exports and logs.
    if (!name || name.length > MAX_TOKEN_NAME_LENGTH || /\p{Cc}/u.test(name)) {
      throw new ApiTokenError('invalid_name', `A token needs a name of 1 to ${MAX_TOKEN_NAME_LENGTH} characters`);
    }
    const expiresAt = input.expiresAt ?? null;
    const { maxLifetimeDays, maxTokensPerOwner, tokenPrefix, actions } = this.deps.settings;
    const now = Date.now();
    if (expiresAt !== null && (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now)) {
      throw new ApiTokenError('invalid_expiry', 'The expiry must be a date in the future');
    }
    if (maxLifetimeDays !== null && (expiresAt === null || expiresAt.getTime() - now > maxLifetimeDays * 86_400_000)) {
      throw new ApiTokenError('invalid_expiry', `A token may live at most ${maxLifetimeDays} days`);
    }
    const token = `${tokenPrefix}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
    const tokenHint = token.slice(0, tokenPrefix.length + HINT_LENGTH - 4);
    return this.deps.dataSource.transaction(async (manager) => {
      // One owner's creations run one at a time, so the count below cannot be raced past.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit_api_tokens:' || $1, 0))`, [ownerId]);
      const [{ active }] = (await manager.query(
        `SELECT count(*)::int AS active FROM audit_api_tokens WHERE owner_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
        [ownerId],
      )) as Array<{ active: number }>;
      if (active >= maxTokensPerOwner) throw new ApiTokenError('too_many', `An administrator may hold at most ${maxTokensPerOwner} tokens; revoke one first`);
      const [row] = (await manager.query(
        `INSERT INTO audit_api_tokens (owner_id, account_id, name, token_hash, token_hint, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
        [ownerId, accountId, name, tokenHash(token), tokenHint, expiresAt],
      )) as Array<{ id: string; created_at: Date }>;
      const created: CreatedApiToken = {
        token,
        id: row!.id,
        name,
        hint: hintOf(tokenHint),
        createdAt: row!.created_at,
        expiresAt,
        revokedAt: null,
        lastUsedAt: null,
        state: 'active',
      };
      await this.deps.record(manager, {
        action: actions.created,
        targetType: 'api_token',
        targetId: created.id,
        targetLabel: name,
        actor: this.deps.actorOf(admin) ?? null,
        accountId,
        request,
        details: { name, hint: created.hint, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return created;
    });
  }

  /** Revokes one of `admin`'s tokens and records it; a token already revoked, or not theirs, is not_found. */
  async revoke(admin: CurrentAdmin | undefined, tokenId: string, request?: RequestInfo): Promise<ApiTokenInfo> {
    const ownerId = this.ownerIdOf(admin);
    const accountId = this.accountOfOwner(admin);
    if (!/^[0-9a-f-]{36}$/i.test(tokenId)) throw new ApiTokenError('not_found', 'No such token');
    return this.deps.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE audit_api_tokens SET revoked_at = now()
          WHERE id = $1 AND owner_id = $2 AND revoked_at IS NULL AND ($3::text IS NULL OR account_id::text = $3::text) RETURNING id`,
        [tokenId, ownerId, this.deps.accountOf ? accountId : null],
      )) as [Array<{ id: string }>, number];
      if (rows[1] === 0) throw new ApiTokenError('not_found', 'No such token, or it is already revoked');
      const row = await manager.getRepository(AuditApiToken).findOneByOrFail({ id: tokenId });
      await this.deps.record(manager, {
        action: this.deps.settings.actions.revoked,
        targetType: 'api_token',
        targetId: row.id,
        targetLabel: row.name,
        actor: this.deps.actorOf(admin) ?? null,
        accountId,
        request,
        details: { name: row.name, hint: hintOf(row.tokenHint) },
      });
      return infoOf(row);
    });
  }

  /**
   * Checks an Authorization header: a live token whose owner may still sign in and hold tokens.
   * A revoked or expired token's use is recorded (once per token per read window) before the refusal.
   */
  async check(header: string | undefined, request: RequestInfo): Promise<TokenCheck> {
    if (!header) return { ok: false, status: 401, reason: 'missing' };
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header.trim());
    if (!match) return { ok: false, status: 401, reason: 'malformed' };
    const repository = this.deps.dataSource.getRepository(AuditApiToken);
    const row = await repository.createQueryBuilder('t').where('t.token_hash = :hash', { hash: tokenHash(match[1]!) }).getOne();
    if (!row) return { ok: false, status: 401, reason: 'unknown' };
    const state = stateOf(row);
    if (state !== 'active') {
      await this.recordRefusal(row, state, request);
      return { ok: false, status: 401, reason: state };
    }
    // Where there are accounts, a token made before them belongs to none and reads nothing.
    if (this.deps.accountOf && row.accountId === null) return { ok: false, status: 403, reason: 'not_allowed' };
    // With accounts, the owner as they are in the token's account (their role there, if still a member).
    const admin = await this.deps.settings.ownerAdmin(row.ownerId, row.accountId === null ? null : String(row.accountId));
    if (!admin) return { ok: false, status: 401, reason: 'owner_inactive' };
    if (!this.mayHold(admin)) return { ok: false, status: 403, reason: 'not_allowed' };
    return { ok: true, token: row, admin };
  }

  /**
   * The account a token reads (hosts with accounts: the one it was made in), or undefined when the
   * log has no accounts. A token with no account, where there are accounts, reads nothing.
   */
  readScope(check: Extract<TokenCheck, { ok: true }>): AccountScope | undefined {
    if (!this.deps.accountOf) return undefined;
    const account = tokenAccount(check.token);
    if (account === null) throw new Error('readScope: a token with no account passed check()'); // check() refuses those
    return new AccountScope(account);
  }

  /**
   * Records a read through `token` unless one was recorded in the current window: one UPDATE
   * claims the window (on every instance at once) and the entry is written in its transaction,
   * before the page is sent.
   */
  async recordRead(check: Extract<TokenCheck, { ok: true }>, request: RequestInfo, details: Record<string, unknown>): Promise<void> {
    // The token row read for this request already says this window's read is recorded: no
    // transaction at all (the common case for a client polling). Otherwise the UPDATE decides.
    const windowMs = this.deps.settings.readWindowMinutes * 60_000;
    const recorded = check.token.readRecordedFor?.getTime();
    if (recorded !== undefined && recorded === Math.floor(Date.now() / windowMs) * windowMs) return;
    await this.deps.dataSource.transaction(async (manager) => {
      const claimed = await this.claimWindow(manager, check.token.id, 'read_recorded_for');
      if (!claimed) return;
      await this.deps.record(manager, {
        action: this.deps.settings.actions.read,
        targetType: 'api_token',
        targetId: check.token.id,
        targetLabel: check.token.name,
        actor: this.deps.actorOf(check.admin) ?? null,
        accountId: tokenAccount(check.token),
        request,
        details: { ...details, token: check.token.name, windowMinutes: this.deps.settings.readWindowMinutes },
      });
    });
  }

  private async recordRefusal(row: AuditApiToken, state: Exclude<ApiTokenState, 'active'>, request: RequestInfo): Promise<void> {
    await this.deps.dataSource.transaction(async (manager) => {
      if (!(await this.claimWindow(manager, row.id, 'refusal_recorded_for'))) return;
      await this.deps.record(manager, {
        action: this.deps.settings.actions.refused,
        targetType: 'api_token',
        targetId: row.id,
        targetLabel: row.name,
        // Whoever presented it is known only by the request (IP, user agent), not as a person.
        actor: null,
        accountId: tokenAccount(row),
        request,
        details: { name: row.name, hint: hintOf(row.tokenHint), ownerId: row.ownerId, state, windowMinutes: this.deps.settings.readWindowMinutes },
      });
    });
  }

  /** Moves the token's `column` to the current window's start; false when it was there already. */
  private async claimWindow(manager: EntityManager, tokenId: string, column: 'read_recorded_for' | 'refusal_recorded_for'): Promise<boolean> {
    const seconds = this.deps.settings.readWindowMinutes * 60;
    const result = (await manager.query(
      `UPDATE audit_api_tokens
          SET ${column} = to_timestamp(floor(extract(epoch FROM now()) / $2) * $2),
              last_used_at = now()
        WHERE id = $1 AND ${column} IS DISTINCT FROM to_timestamp(floor(extract(epoch FROM now()) / $2) * $2)
        RETURNING id`,
      [tokenId, seconds],
    )) as [unknown[], number];
    return result[1] > 0;
  }
}

/** The account a token belongs to, as entries carry it. */
export const tokenAccount = (token: AuditApiToken): string | null => (token.accountId === null ? null : String(token.accountId));
