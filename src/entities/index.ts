import { Account } from './Account.js';
import { AutomationRule } from './AutomationRule.js';
import { Inbox } from './Inbox.js';
import { InboxMember } from './InboxMember.js';
import { Team } from './Team.js';
import { TeamMember } from './TeamMember.js';
import { User } from './User.js';
import { Webhook } from './Webhook.js';

export { Account, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook };

export const appEntities = [Account, User, Inbox, InboxMember, Team, TeamMember, Webhook, AutomationRule];
