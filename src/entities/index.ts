import { Account } from './Account.js';
import { AccountUser } from './AccountUser.js';
import { AutomationRule } from './AutomationRule.js';
import { Inbox } from './Inbox.js';
import { InboxMember } from './InboxMember.js';
import { Team } from './Team.js';
import { TeamMember } from './TeamMember.js';
import { User } from './User.js';
import { Webhook } from './Webhook.js';

export { Account, AccountUser, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook };

export const appEntities = [Account, AccountUser, User, Inbox, InboxMember, Team, TeamMember, Webhook, AutomationRule];
