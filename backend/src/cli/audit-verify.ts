import { ZBackendConfig } from '@muster/contracts';
import { createDatabase } from '../platform/db/client.ts';
import { verifyAuditChain } from '../platform/access/audit-verify.ts';

/**
 * `npm run audit:verify`: walks the audit chain and prints `audit chain ok: N entries` (exit 0)
 * or `audit chain BROKEN at seq N: reason` (exit 1). Exit 2 when it could not check at all, so a
 * cron job tells "tampered" from "database down".
 */
const parsed = ZBackendConfig.pick({ DATABASE_URL: true }).safeParse(process.env);
if (!parsed.success) {
  process.stderr.write(`DATABASE_URL: ${parsed.error.issues[0]?.message ?? 'invalid'}\n`);
  process.exit(78);
}
const database = createDatabase(parsed.data.DATABASE_URL, { max: 1, appName: 'muster-audit' });
let code = 0;
try {
  const r = await verifyAuditChain(database.db);
  if (r.ok) {
    // The head on its own line: kept elsewhere, it reveals a chain cut or rewritten at its end.
    process.stdout.write(`audit chain ok: ${r.entries} entries\nhead ${r.head}\n`);
  } else {
    process.stdout.write(`audit chain BROKEN at seq ${r.firstBadSeq}: ${r.reason}\n`);
    code = 1;
  }
} catch (err) {
  process.stderr.write(
    `audit chain not checked: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  code = 2;
} finally {
  await database.close();
}
process.exit(code);
