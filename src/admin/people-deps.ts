import type { DataSource } from 'typeorm';
import type { InvitationSettings } from '../invitations/invitation-settings.js';

/** What the people screens (users, my profile, inbox and team members) need from the app. */
export interface PeopleDeps {
  dataSource: DataSource;
  invitations: InvitationSettings;
}
