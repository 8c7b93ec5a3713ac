// `npm run audit:verify`: walks the audit chain and prints OK with the count, or the first entry
// whose content, order or presence does not match (exit code 1), so cron or CI can alert on it.
import { verifyAuditChain } from '@hashtrail/adminjs-audit';
import { boot } from '../boot.js';
import { describeVerification } from '../audit/describe-verification.js';

const { database } = await boot({ migrate: false });
try {
  const result = await verifyAuditChain(database.dataSource);
  process.stdout.write(`${describeVerification(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await database.close();
}
