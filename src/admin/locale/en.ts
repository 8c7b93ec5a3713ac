// MessageHub's English panel texts, in AdminJS's LocaleTranslations shape. Another language is an
// object of the same shape next to this one. Where the keys live, so AdminJS's translate functions
// find them:
//
// - `labels.<resource id>`: a resource's name, in the menu, the breadcrumbs and the list heading
//   (plural: the list is of many). `labels.chatSettings`: the menu group (navigation.ts).
// - `messages.recordActionHeading`: the heading of a record's page other than its show page
//   ("Edit: Alice Martin"); a show page's heading is the record's own title (ActionHeader.tsx).
// - `components.Login`: the sign-in page.
// - `resources.<resource id>`: a resource's own action labels, property names and messages; the
//   people screens' texts come from people.ts, My profile's API tokens page's from
//   components/ApiTokensComponents.ts (merged into My profile's below).
import type { LocaleTranslations } from 'adminjs';
import { apiTokenTexts } from '../components/ApiTokensComponents.js';
import { peopleTranslations } from '../people.js';
import { MY_PROFILE_RESOURCE_ID } from '../resources/my-profile.js';

const myProfile = peopleTranslations[MY_PROFILE_RESOURCE_ID];

export const messageHubLocaleEn = {
  labels: {
    chatSettings: 'Chat Settings',
    Account: 'Account',
    User: 'Users',
    Inbox: 'Inboxes',
    Team: 'Teams',
    Webhook: 'Webhooks',
    AutomationRule: 'Automation Rules',
    // Not in the menu (members are managed on their inbox's or team's page); named for the pages
    // an administrator can still open by address.
    InboxMember: 'Inbox Members',
    TeamMember: 'Team Members',
    AuditLog: 'Audit Logs',
    AuditDelivery: 'Audit Deliveries',
  },
  messages: {
    recordActionHeading: '{{action}}: {{title}}',
    // AdminJS's own text has {{actionName}} and {{resourceId}}, which its notices never fill in.
    forbiddenError: 'You are not allowed to do that.',
  },
  components: {
    Login: {
      welcomeHeader: 'MessageHub',
      welcomeMessage: 'Settings back office: agents, inboxes, teams, webhooks, automation rules. Every change is recorded in the audit log.',
    },
  },
  resources: {
    ...peopleTranslations,
    [MY_PROFILE_RESOURCE_ID]: {
      ...myProfile,
      actions: { ...myProfile.actions, ...apiTokenTexts.actions },
      buttons: apiTokenTexts.buttons,
      messages: { ...myProfile.messages, ...apiTokenTexts.messages },
    },
    // Account settings → Audit log retention (account-retention.ts): the server fills in the figures.
    Account: {
      messages: {
        auditRetentionDaysHelp:
          'Empty: the deployment default, {{defaultDays}} days. Otherwise {{minDays}} to {{maxDays}} days.',
        auditRetentionDaysNotWholeNumber: 'Enter a whole number of days from {{minDays}} to {{maxDays}}, or leave the field empty for the deployment default of {{defaultDays}} days.',
        auditRetentionDaysTooShort: 'Must be at least {{minDays}} days: the database keeps audit entries at least that long.',
        auditRetentionDaysTooLong: 'Must be at most {{maxDays}} days, the longest this deployment allows.',
      },
    },
    AuditLog: {
      messages: {
        noRecordsInResource:
          'No audit entries match. The log records sign-ins and sign-outs (and refused sign-ins), every change to users, inboxes, teams, webhooks, automation rules and account settings, membership changes, and exports of this log.',
      },
    },
  },
} satisfies LocaleTranslations;
