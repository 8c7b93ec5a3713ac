import type { DataSource } from 'typeorm';
import type { AuditPlugin } from '@hashtrail/adminjs-audit';
import type { InvitationSettings } from '../invitations/invitation-settings.js';

/** What the people screens (users, my profile, inbox and team members) need from the app. */
export interface PeopleDeps {
  audit: AuditPlugin;
  dataSource: DataSource;
  invitations: InvitationSettings;
}
