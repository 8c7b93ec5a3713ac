// Labels for the actions and fields the people screens add (AdminJS per-resource translations).
import { oneTimeSecretTexts } from './components/OneTimeSecretComponents.js';
import { MY_PROFILE_RESOURCE_ID } from './resources/my-profile.js';

export const peopleTranslations = {
  User: {
    actions: {
      new: 'Invite user',
      resendInvitation: 'Resend invitation',
      revokeInvitation: 'Revoke invitation',
      makeAdministrator: 'Make administrator',
      makeAgent: 'Make agent',
    },
    properties: { inboxIds: 'Inboxes', teamIds: 'Teams', locale: 'Language' },
    buttons: {
      ...oneTimeSecretTexts.buttons,
      // The button on the "Resend invitation" page that makes the new link.
      resendInvitation: 'Send a new link',
    },
    messages: {
      ...oneTimeSecretTexts.messages,
      userAddedToAccount: '{{email}} already has a MessageHub sign-in: added to this account. They see it when they sign in or switch accounts.',
      userInvited: 'Invited {{email}}. Copy their invitation link from the dialog: it is shown only once.',
      invitationResent: 'New invitation link for {{email}}; the previous one no longer works. Copy it from the dialog: it is shown only once.',
      invitationLinkTitle: 'Invitation link for {{email}}',
      invitationLinkExplanation:
        'This link is shown only once: MessageHub keeps no copy of it and cannot show it again. Copy it now and send it to {{email}}; it can be used once, until {{expiresAt}} (UTC). If it gets lost, use "Resend invitation": a new link replaces this one.',
      resendInvitationPrompt:
        'Send {{record.name}} ({{record.email}}) a new invitation link? The current link stops working. The new one is shown once, in a dialog, for you to copy and send.',
      sharedWithOtherAccounts:
        'This person also belongs to another account, so their name, email, status, availability and invitation are shared with it and cannot be changed from this account. Here you can change their role, inboxes and teams, or remove them from this account.',
    },
  },
  [MY_PROFILE_RESOURCE_ID]: {
    labels: { [MY_PROFILE_RESOURCE_ID]: 'My profile' },
    actions: { goOnline: 'Go online', goBusy: 'Go busy', goOffline: 'Go offline', chooseLanguage: 'Language', switchAccount: 'Accounts' },
    properties: { inboxIds: 'My inboxes', teamIds: 'My teams', locale: 'Language' },
    messages: {
      chooseLanguageHelp: 'The language the panel and the audit log are shown in for you. Until you choose one, you see the account\'s language.',
      languageChanged: 'Language saved.',
      languageNotSaved: 'The language could not be saved. Reload the page and try again.',
      languageOnlyYours: 'You can only choose your own language.',
      languageUnknown: 'That language is not one the panel is translated into.',
      languageUserGone: 'Your account is no longer active.',
      switchAccountHelp: 'You belong to several accounts. The panel shows one at a time: choose the one to work in.',
      switchAccountCurrent: 'Current account',
      switchAccountButton: 'Work in this account',
      switchAccountRoleAdministrator: 'administrator',
      switchAccountRoleAgent: 'agent',
    },
  },
  Inbox: { properties: { memberIds: 'Agents' } },
  Team: { properties: { memberIds: 'Agents' } },
};
