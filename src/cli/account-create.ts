// `npm run account:create -- --name "Acme" --support-email ops@acme.test --admin-email a@acme.test [--admin-name "Ann Admin"]`:
// a new account and its first administrator, in one transaction, recorded in the system log. An
// administrator email that already has a user makes that user the new account's administrator (they
// sign in as before and switch to it); a new one gets an invitation link, printed once.
import { parseArgs } from 'node:util';
import { boot } from '../boot.js';
import { createAccount } from '../accounts/create-account.js';
import { createMessageHubAudit } from '../audit/messagehub-audit.js';
import { invitationSettings } from '../invitations/invitation-settings.js';

const USAGE = 'Usage: npm run account:create -- --name "Acme" --support-email ops@acme.test --admin-email admin@acme.test [--admin-name "Ann Admin"]\n';

const { values } = parseArgs({
  options: { name: { type: 'string' }, 'support-email': { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' } },
  strict: true,
});
if (!values.name || !values['support-email'] || !values['admin-email']) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const { config, logger, database } = await boot({ migrate: false, cli: true });
try {
  const invitations = invitationSettings(config, logger);
  const audit = createMessageHubAudit(database.dataSource, config, logger, invitations);
  try {
    const created = await createAccount(
      database.dataSource,
      audit,
      { name: values.name, supportEmail: values['support-email'], adminEmail: values['admin-email'], adminName: values['admin-name'] },
      invitations,
    );
    process.stdout.write(`Created account #${created.accountId} "${values.name}".\n`);
    process.stdout.write(
      created.invitationLink
        ? `Its administrator ${values['admin-email']} is invited: send them this link (shown once, valid ${config.INVITATION_TTL_DAYS} days):\n${created.invitationLink}\n`
        : `Its administrator is the existing user ${values['admin-email']}: they sign in as before and choose the account under My profile → Accounts.\n`,
    );
  } finally {
    audit.checkpoints?.stop();
  }
} catch (error) {
  // Field rules (a bad email, a missing name) say what to change; anything else keeps its stack.
  const fields = (error as { fieldErrors?: Record<string, string> }).fieldErrors;
  if (!fields) throw error;
  process.stderr.write(`Account not created: ${Object.entries(fields).map(([field, message]) => `${field} ${message}`).join('; ')}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
