// Inviting, re-inviting and revoking. The "new" action of Users is the invitation: the user is
// created as invited with a single-use token whose hash alone is stored. The link is in the
// action's answer once, as a one-time secret the panel shows in a dialog until dismissed (see
// components/OneTimeSecretResponse.ts), and logged (there is no mail server).
import { ACTIONS, NotFoundError, ValidationError, type Action, type ActionContext, type ActionHandler, type ActionRequest, type ActionResponse, type RecordActionResponse } from 'adminjs';
import type { EntityManager } from 'typeorm';
import { actionTransaction } from '@hashtrail/adminjs-audit';
import { addToAccount, membershipIn } from '../../accounts/account-memberships.js';
import { USER_ROLES, type UserRole } from '../../entities/enums.js';
import { User } from '../../entities/User.js';
import { INBOX_MEMBERS, replaceLinks, TEAM_MEMBERS } from '../../memberships/membership-links.js';
import { userLabel } from '../../users/user-label.js';
import { idsFromParams } from '../linked-ids.js';
import { accountOfAction } from './user-account-membership.js';
import { invitationLink, newInvitation, type NewInvitation } from '../../invitations/invitation-token.js';
import type { InvitationSettings } from '../../invitations/invitation-settings.js';
import { administratorsOnly } from '../access.js';
import { OneTimeSecretComponent } from '../components/OneTimeSecretComponents.js';
import { withOneTimeSecret, type OneTimeSecret } from '../components/OneTimeSecretResponse.js';
import type { PeopleDeps } from '../people-deps.js';
import { recordChangeHandler } from '../record-action.js';
import { refuseIfShared } from './shared-user-fields.js';

/** Fields an administrator fills in when inviting; anything else the form sends is dropped. */
const INVITE_FIELDS = ['name', 'displayName', 'email', 'role'];
const LINKED_FIELDS = ['inboxIds', 'teamIds'];
/** What the "Invite user" form shows: what an invitation is made of, and nothing it would ignore. */
export const INVITATION_FORM_FIELDS = [...INVITE_FIELDS, ...LINKED_FIELDS];
const CONTEXT_KEY = 'pendingInvitation';

const refused = (message: string) => new ValidationError({}, { message, type: 'refused' });

/** A fresh invitation's link, logged for the operator and returned once, for the dialog. */
function invitationSecret(settings: InvitationSettings, invitation: NewInvitation, email: string): OneTimeSecret {
  const link = invitationLink(settings.publicUrl, invitation.token);
  const expiresAt = invitation.expiresAt.toISOString();
  settings.logger.info({ email, link, expiresAt }, `Invitation link for ${email}`);
  return { value: link, titleKey: 'invitationLinkTitle', explanationKey: 'invitationLinkExplanation', values: { email, expiresAt } };
}

/** A success notice in the panel's language: a message key of the resource (its panel id), naming the invitee. */
const invitationNotice = (message: string, resourceId: string, email: string) => ({ type: 'success' as const, message, resourceId, options: { email } });

/** new.before: keeps only what an invitation is made of, and gives it a fresh token. */
export function prepareInvitation(settings: InvitationSettings) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    if (request.method !== 'post') return request;
    const sent = request.payload ?? {};
    const kept = Object.fromEntries(
      Object.entries(sent).filter(([key]) => INVITE_FIELDS.includes(key) || LINKED_FIELDS.some((field) => key === field || key.startsWith(`${field}.`))),
    );
    const invitation = newInvitation(settings.ttlDays);
    context[CONTEXT_KEY] = invitation;
    return {
      ...request,
      payload: { ...kept, status: 'invited', invitationTokenHash: invitation.tokenHash, invitationExpiresAt: invitation.expiresAt.toISOString() },
    };
  };
}

/**
 * new.after: on success, the one time the link is given out. The record AdminJS sends back merges
 * the params the before hook set, so the hash and expiry are taken out of it here.
 */
export function showInvitationLink(settings: InvitationSettings) {
  return async (response: ActionResponse, request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const invitation = context[CONTEXT_KEY] as NewInvitation | undefined;
    const params = (response as RecordActionResponse).record?.params;
    if (params) for (const field of ['invitationTokenHash', 'invitationExpiresAt']) delete params[field];
    if (request.method !== 'post' || !invitation || response.notice?.type !== 'success') return response;
    const email = String(params?.email ?? '');
    return withOneTimeSecret(
      { ...response, notice: invitationNotice('userInvited', context.resource.decorate().id(), email) },
      invitationSecret(settings, invitation, email),
    );
  };
}

async function lockedInvitedUser(manager: EntityManager, id: number): Promise<User> {
  const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!user) throw refused('That user no longer exists.');
  if (user.status !== 'invited') throw refused(`${user.name} has already joined: there is no invitation to change.`);
  return user;
}

const isPendingInvitation = ({ currentAdmin, record }: ActionContext) => administratorsOnly({ currentAdmin }) && record?.param('status') === 'invited';

/**
 * Resend: a new link, and the old one stops working. The panel opens the action's page with GET,
 * which changes nothing; the page's button sends the POST that makes the link.
 */
function resendInvitationHandler(settings: InvitationSettings): Action<RecordActionResponse>['handler'] {
  return async (request, response, context) => {
    const { record, currentAdmin } = context;
    if (!record) throw new NotFoundError('That user no longer exists.', 'Action#handler');
    if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
    // Filled in by the transaction's work; an object, as TypeScript does not follow assignments made in callbacks.
    const issued: { link?: OneTimeSecret } = {};
    const resend = recordChangeHandler({
      async run(manager, id, actionContext) {
        await refuseIfShared(manager, id, actionContext);
        const user = await lockedInvitedUser(manager, id);
        const invitation = newInvitation(settings.ttlDays);
        user.invitationTokenHash = invitation.tokenHash;
        user.invitationExpiresAt = invitation.expiresAt;
        await manager.save(user);
        issued.link = invitationSecret(settings, invitation, user.email);
        return 'invitationResent';
      },
    }) as ActionHandler<RecordActionResponse>; // always one function; its declared type is Action['handler']'s union
    const answer = await resend(request, response, context);
    // Only a success carries the link; a refusal answers with its notice alone.
    if (!issued.link || answer.notice?.type !== 'success') return answer;
    return withOneTimeSecret({ ...answer, notice: invitationNotice('invitationResent', context.resource.decorate().id(), issued.link.values.email ?? '') }, issued.link);
  };
}

/** Record actions: resend (new link, the old one stops working) and revoke (no working link). */
export function invitationActions({ invitations }: PeopleDeps): Record<string, Partial<Action<RecordActionResponse>>> {
  return {
    resendInvitation: {
      actionType: 'record',
      icon: 'Send',
      // A page that asks first (messages.resendInvitationPrompt), then shows the new link in a dialog.
      component: OneTimeSecretComponent.recordAction,
      isAccessible: isPendingInvitation,
      isVisible: isPendingInvitation,
      handler: resendInvitationHandler(invitations),
    },
    revokeInvitation: {
      actionType: 'record',
      icon: 'XCircle',
      component: false,
      guard: 'Revoke this invitation? The link stops working; you can send a new one later.',
      isAccessible: isPendingInvitation,
      isVisible: isPendingInvitation,
      handler: recordChangeHandler({
        async run(manager, id, actionContext) {
          await refuseIfShared(manager, id, actionContext);
          const user = await lockedInvitedUser(manager, id);
          if (!user.invitationTokenHash) throw refused(`${user.name}'s invitation is already revoked.`);
          user.invitationTokenHash = null;
          user.invitationExpiresAt = null;
          await manager.save(user);
          return `Revoked the invitation of ${user.email}: the link no longer works.`;
        },
      }),
    },
  };
}

/** A user already known by that email (any case), in any account. */
function userByEmail(manager: EntityManager, email: string): Promise<User | null> {
  return manager.getRepository(User).createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email }).getOne();
}

/**
 * new: inviting an email that already has a user (of another account) adds that person to the
 * current account with the chosen role, and their inboxes and teams here; no new user and no
 * link (they sign in with the password they have). Any other email: the stock "new", which makes
 * the invited user (saveRoleInAccount puts them in the account).
 */
export function inviteHandler({ dataSource, record }: PeopleDeps): ActionHandler<RecordActionResponse> {
  const stock = ACTIONS.new.handler as ActionHandler<RecordActionResponse>; // one function; declared as Action['handler']'s union
  return async (request, response, context) => {
    const email = String(request.payload?.email ?? '').trim();
    const existing = request.method === 'post' && email ? await userByEmail(dataSource.manager, email) : null;
    if (!existing) return stock(request, response, context);
    // No link is made for this path: the after hook must not hand out the unused token.
    delete context[CONTEXT_KEY];
    const { currentAdmin, h, resource } = context;
    const payload = (request.payload ?? {}) as Record<string, unknown>;
    const role: UserRole = (USER_ROLES as readonly unknown[]).includes(payload.role) ? (payload.role as UserRole) : 'agent';
    try {
      await actionTransaction(context, async (manager) => {
        const account = accountOfAction(context);
        if (await membershipIn(manager, account, existing.id)) throw new ValidationError({ email: { message: 'is already taken: this person is already in this account', type: 'taken' } });
        await addToAccount(manager, account, existing.id, role);
        await record(manager, { action: 'user.invited', targetType: 'user', targetId: String(existing.id), targetLabel: userLabel({ ...existing }), details: { role, existingUser: true } });
        for (const [field, table] of [['inboxIds', INBOX_MEMBERS], ['teamIds', TEAM_MEMBERS]] as const) {
          const wanted = idsFromParams(payload, field);
          if (wanted !== undefined) await replaceLinks(manager, account, table, 'member', existing.id, wanted, field);
        }
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return {
        record: { params: payload, errors: error.propertyErrors, populated: {}, baseError: error.baseError ?? null, id: '', title: '', recordActions: [], bulkActions: [] },
        notice: { message: error.baseError?.message ?? 'thereWereValidationErrors', type: 'error' },
      } as unknown as RecordActionResponse; // the stock "new" answers a refused form with the form's params and errors, so the page keeps them
    }
    const added = await resource.findOne(String(existing.id), context);
    const resourceId = resource.decorate().id();
    return {
      // Present: the membership was just committed, so the user is one of this account's.
      record: added!.toJSON(currentAdmin),
      redirectUrl: h.recordActionUrl({ resourceId, recordId: String(existing.id), actionName: 'show' }),
      notice: invitationNotice('userAddedToAccount', resourceId, existing.email),
    };
  };
}
