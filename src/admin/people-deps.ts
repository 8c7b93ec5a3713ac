import type { DataSource } from 'typeorm';
import type { ApiTokens } from '@hashtrail/adminjs-audit';
import type { RecordActivity } from '../accounts/record-activity.js';
import type { InvitationSettings } from '../invitations/invitation-settings.js';

/** What the people screens (users, my profile, inbox and team members) need from the app. */
export interface PeopleDeps {
  dataSource: DataSource;
  invitations: InvitationSettings;
  /** The audit plugin's API tokens, once it exists (My profile → API tokens asks when it runs). */
  apiTokens: () => ApiTokens | null;
  /** The audit plugin's `record`, once it exists: entries for what no audited entity's change describes. */
  record: RecordActivity;
}
