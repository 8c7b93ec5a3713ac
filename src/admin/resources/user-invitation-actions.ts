// Inviting, re-inviting and revoking. The "new" action of Users is the invitation: the user is
// created as invited with a single-use token whose hash alone is stored. The link is shown once,
// in the success notice, and logged (there is no mail server).
import { ValidationError, type Action, type ActionContext, type ActionRequest, type ActionResponse, type RecordActionResponse } from 'adminjs';
import type { EntityManager } from 'typeorm';
import { User } from '../../entities/User.js';
import { invitationLink, newInvitation, type NewInvitation } from '../../invitations/invitation-token.js';
import type { InvitationSettings } from '../../invitations/invitation-settings.js';
import { administratorsOnly } from '../access.js';
import type { PeopleDeps } from '../people-deps.js';
import { recordChangeHandler } from '../record-action.js';

/** Fields an administrator fills in when inviting; anything else the form sends is dropped. */
const INVITE_FIELDS = ['name', 'displayName', 'email', 'role'];
const LINKED_FIELDS = ['inboxIds', 'teamIds'];
const CONTEXT_KEY = 'pendingInvitation';

const refused = (message: string) => new ValidationError({}, { message, type: 'refused' });

function linkNotice(settings: InvitationSettings, invitation: NewInvitation, email: string, verb: string): string {
  const link = invitationLink(settings.publicUrl, invitation.token);
  settings.logger.info({ email, link, expiresAt: invitation.expiresAt.toISOString() }, `Invitation link for ${email}`);
  return `${verb} ${email}. Send them this link; it is shown only once and works until ${invitation.expiresAt.toISOString()}: ${link}`;
}

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
 * new.after: on success, the one time the link is shown. The record AdminJS sends back merges the
 * params the before hook set, so the hash and expiry are taken out of it here.
 */
export function showInvitationLink(settings: InvitationSettings) {
  return async (response: ActionResponse, request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const invitation = context[CONTEXT_KEY] as NewInvitation | undefined;
    const params = (response as RecordActionResponse).record?.params;
    if (params) for (const field of ['invitationTokenHash', 'invitationExpiresAt']) delete params[field];
    if (request.method !== 'post' || !invitation || response.notice?.type !== 'success') return response;
    const email = String((response as RecordActionResponse).record?.params?.email ?? '');
    return { ...response, notice: { ...response.notice, message: linkNotice(settings, invitation, email, 'Invited') } };
  };
}

async function lockedInvitedUser(manager: EntityManager, id: number): Promise<User> {
  const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!user) throw refused('That user no longer exists.');
  if (user.status !== 'invited') throw refused(`${user.name} has already joined: there is no invitation to change.`);
  return user;
}

const isPendingInvitation = ({ currentAdmin, record }: ActionContext) => administratorsOnly({ currentAdmin }) && record?.param('status') === 'invited';

/** Record actions: resend (new link, the old one stops working) and revoke (no working link). */
export function invitationActions({ invitations }: PeopleDeps): Record<string, Partial<Action<RecordActionResponse>>> {
  return {
    resendInvitation: {
      actionType: 'record',
      icon: 'Send',
      component: false,
      guard: 'Send a new invitation link? The current link stops working.',
      isAccessible: isPendingInvitation,
      isVisible: isPendingInvitation,
      handler: recordChangeHandler({
        async run(manager, id) {
          const user = await lockedInvitedUser(manager, id);
          const invitation = newInvitation(invitations.ttlDays);
          user.invitationTokenHash = invitation.tokenHash;
          user.invitationExpiresAt = invitation.expiresAt;
          await manager.save(user);
          return linkNotice(invitations, invitation, user.email, 'New invitation for');
        },
      }),
    },
    revokeInvitation: {
      actionType: 'record',
      icon: 'XCircle',
      component: false,
      guard: 'Revoke this invitation? The link stops working; you can send a new one later.',
      isAccessible: isPendingInvitation,
      isVisible: isPendingInvitation,
      handler: recordChangeHandler({
        async run(manager, id) {
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
