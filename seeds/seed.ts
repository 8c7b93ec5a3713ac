// `npm run seed`: migrates, then adds the demo data that is missing. Safe to run twice.
import { boot } from '../src/boot.js';
import { createMessageHubAudit } from '../src/audit/messagehub-audit.js';
import { invitationSettings } from '../src/invitations/invitation-settings.js';
import { seedDemoData } from './seed-demo.js';

const { config, logger, database } = await boot({ migrate: true });
try {
  const audit = createMessageHubAudit(database.dataSource, config, logger, invitationSettings(config, logger)); // so the seed's changes are recorded, by System
  const summary = await seedDemoData(database.dataSource, {
    record: audit.record,
    adminEmail: config.SEED_ADMIN_EMAIL,
    adminPassword: config.SEED_ADMIN_PASSWORD,
    agentPassword: config.SEED_AGENT_PASSWORD,
    bcryptRounds: config.BCRYPT_ROUNDS,
  });
  logger.info({ created: summary.created }, summary.created === 0 ? 'Demo data already present: nothing added' : `Seeded ${summary.created} records`);
  process.stdout.write(`Administrator: ${config.SEED_ADMIN_EMAIL} / ${config.SEED_ADMIN_PASSWORD}\nAgents: alice@acme.example (and bruno, chloe, deepa) / ${config.SEED_AGENT_PASSWORD}\n`);
} finally {
  await database.close();
}
