// My profile → API tokens: an administrator's personal access tokens for the audit log's read API
// (GET /api/v1/audit_logs). The page lists them (name, first characters, dates, state), makes one
// (shown once, in the one-time secret dialog) and revokes one. Making and revoking go through the
// audit plugin's ApiTokens, which stores only a hash and records each in the same transaction.
// Agents neither see the action nor may call it (the plugin refuses them as well).
import { NotFoundError, type Action, type ActionContext, type ActionRequest, type ActionResponse, type NoticeMessage, type RecordActionResponse } from 'adminjs';
import { ApiTokenError, capturedRequestInfo, MAX_TOKEN_NAME_LENGTH, type ApiTokenInfo, type ApiTokens } from '@hashtrail/adminjs-audit';
import { ApiTokensComponent } from '../components/ApiTokensComponents.js';
import { API_TOKENS_FIELD, isApiTokenLifetime, type ApiTokenRow, type ApiTokensPage } from '../components/ApiTokensResponse.js';
import { withOneTimeSecret } from '../components/OneTimeSecretResponse.js';

/**
 * The plugin's tokens. My profile's options are written before the audit plugin exists (they are
 * part of its entity declarations), so the action asks for them when it runs; null (no `api`
 * option): the action is hidden and refused.
 */
export type ApiTokensOf = () => ApiTokens | null;

/** The message key (My profile's messages) saying why the plugin refused, in the reader's language. */
const REFUSAL_MESSAGES: Record<ApiTokenError['code'], string> = {
  forbidden: 'apiTokenForbidden',
  invalid_name: 'apiTokenInvalidName',
  invalid_expiry: 'apiTokenInvalidExpiry',
  too_many: 'apiTokenTooMany',
  not_found: 'apiTokenNotFound',
};

const DAY_MS = 86_400_000;

const isOwnRecord = ({ currentAdmin, record }: ActionContext) => record != null && currentAdmin?.id != null && String(record.id()) === String(currentAdmin.id);

/** Only on one's own profile, only for someone the plugin lets hold tokens (an administrator). */
function mayManageTokens(context: ActionContext, tokensOf: ApiTokensOf): boolean {
  const tokens = tokensOf();
  return !!tokens && isOwnRecord(context) && tokens.mayHold(context.currentAdmin);
}

const rowOf = (token: ApiTokenInfo): ApiTokenRow => ({
  id: token.id,
  name: token.name,
  hint: token.hint,
  createdAt: token.createdAt.toISOString(),
  expiresAt: token.expiresAt?.toISOString() ?? null,
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
  state: token.state,
});

/** The expiry the form asked for: a date so many days ahead, null for "never", undefined for nothing the form offers. */
function expiryOf(lifetime: unknown): Date | null | undefined {
  if (!isApiTokenLifetime(lifetime)) return undefined;
  return lifetime === 'never' ? null : new Date(Date.now() + Number(lifetime) * DAY_MS);
}

/** What the page is told besides the record: a notice, a one-time secret. */
interface Outcome {
  notice?: NoticeMessage;
  secret?: { token: string; name: string };
}

/**
 * POST: makes or revokes one token (payload.operation "create" with name and lifetime, or "revoke"
 * with tokenId). A refusal of the plugin answers with an error notice; nothing was changed.
 */
async function change(tokens: ApiTokens, request: ActionRequest, context: ActionContext): Promise<Outcome> {
  const { currentAdmin } = context;
  const resourceId = context.resource.decorate().id();
  const payload = (request.payload ?? {}) as Record<string, unknown>;
  // The IP, user agent and request id the audit middleware captured, for the entry.
  const requestInfo = capturedRequestInfo(request);
  const notice = (message: string, type: NoticeMessage['type'], options?: Record<string, unknown>): NoticeMessage => ({ message, type, resourceId, options });
  try {
    if (payload.operation === 'create') {
      const expiresAt = expiryOf(payload.lifetime);
      if (expiresAt === undefined) return { notice: notice(REFUSAL_MESSAGES.invalid_expiry, 'error') };
      const created = await tokens.create(currentAdmin, { name: payload.name, expiresAt }, requestInfo);
      return { notice: notice('apiTokenCreated', 'success', { name: created.name }), secret: { token: created.token, name: created.name } };
    }
    if (payload.operation === 'revoke') {
      const revoked = await tokens.revoke(currentAdmin, String(payload.tokenId ?? ''), requestInfo);
      return { notice: notice('apiTokenRevoked', 'success', { name: revoked.name }) };
    }
    return { notice: notice('apiTokenUnknownRequest', 'error') };
  } catch (error) {
    // {{max}}: the name's refusal says how long a name may be; the other messages have no placeholder.
    if (error instanceof ApiTokenError) return { notice: notice(REFUSAL_MESSAGES[error.code], 'error', { max: MAX_TOKEN_NAME_LENGTH }) };
    throw error;
  }
}

/** The "API tokens" action of My profile. */
export function apiTokensAction(tokensOf: ApiTokensOf): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: 'Key',
    component: ApiTokensComponent.page,
    isAccessible: (context: ActionContext) => mayManageTokens(context, tokensOf),
    isVisible: (context: ActionContext) => mayManageTokens(context, tokensOf),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
      const { record, currentAdmin } = context;
      if (!record) throw new NotFoundError('That record no longer exists.', 'Action#handler');
      // Present: isAccessible (checked before the handler runs) found them.
      const tokens = tokensOf()!;
      // GET only reads: the panel opens the page with GET, and only the page's buttons change anything.
      const outcome = request.method === 'post' ? await change(tokens, request, context) : {};
      const page: ApiTokensPage = { tokens: (await tokens.list(currentAdmin)).map(rowOf), maxNameLength: MAX_TOKEN_NAME_LENGTH };
      // The list goes beside the record, not in its params: the plugin takes out of a record's
      // params whatever is named like a secret ("token"), before the answer leaves.
      const answer: RecordActionResponse = { record: record.toJSON(currentAdmin), [API_TOKENS_FIELD]: page, ...(outcome.notice ? { notice: outcome.notice } : {}) };
      if (!outcome.secret) return answer;
      return withOneTimeSecret(answer, {
        value: outcome.secret.token,
        titleKey: 'apiTokenSecretTitle',
        explanationKey: 'apiTokenSecretExplanation',
        values: { name: outcome.secret.name },
      });
    },
  };
}
