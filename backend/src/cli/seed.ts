import { ZBackendConfig, eventSchemas } from '@muster/contracts';
import { runMigrations } from '../platform/db/migrate.ts';
import { createDatabase } from '../platform/db/client.ts';
import { systemClock } from '../platform/clock.ts';
import { DEMO_DISTRICT, seedDemoDistrict } from '../platform/geo/seed.ts';
import { createAuditWriter } from '../platform/access/audit.ts';
import { seedDemoAccounts, type DemoSignIn } from '../platform/access/demo-accounts.ts';
import { createPasswordHasher } from '../platform/access/passwords.ts';
import { createOutbox } from '../platform/bus/outbox.ts';
import { seedResponseDemo } from '../modules/response/index.ts';
import { seedDrillScenarios } from '../modules/drills/index.ts';

/**
 * `node --import tsx backend/src/cli/seed.ts [--json]`: migrates, then seeds the demo district
 * and one demo account per role (never in production: their password is printed). Idempotent.
 * With `--json` it prints one JSON line (what `npm run up` reads) instead of prose.
 */
const json = process.argv.includes('--json');
const parsed = ZBackendConfig.pick({
  DATABASE_URL: true,
  NODE_ENV: true,
  ARGON2_MEMORY_KIB: true,
}).safeParse(process.env);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  process.stderr.write(
    `${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}\n`,
  );
  process.exit(78);
}
await runMigrations(parsed.data.DATABASE_URL);
const database = createDatabase(parsed.data.DATABASE_URL, { max: 1, appName: 'muster-seed' });
try {
  const seeded = await seedDemoDistrict(database.db);
  const demoAccounts: DemoSignIn[] =
    parsed.data.NODE_ENV === 'production'
      ? []
      : await seedDemoAccounts({
          db: database.db,
          clock: systemClock,
          audit: createAuditWriter(database.db, systemClock),
          passwords: createPasswordHasher({ memoryKib: parsed.data.ARGON2_MEMORY_KIB }),
        });
  // The demo flood plan is illustrative: like the demo accounts, never on a production install.
  const demoPlan =
    parsed.data.NODE_ENV === 'production'
      ? undefined
      : await seedResponseDemo({
          db: database.db,
          clock: systemClock,
          outbox: createOutbox(eventSchemas, systemClock),
          audit: createAuditWriter(database.db, systemClock),
        });
  // The demo drill (an urban flood along the Jialing), ready to start from the duty console.
  if (parsed.data.NODE_ENV !== 'production')
    await seedDrillScenarios({ db: database.db, clock: systemClock });
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ district: DEMO_DISTRICT, areas: seeded.areas, demoAccounts })}\n`,
    );
  } else {
    process.stdout.write(
      `migrations applied\nseeded ${DEMO_DISTRICT.name} ${DEMO_DISTRICT.nameEn} (${seeded.districtCode}): ` +
        `${seeded.areas} administrative areas\n`,
    );
    process.stdout.write(
      demoAccounts.length === 0
        ? 'demo accounts: none (NODE_ENV=production)\n'
        : 'DEMO accounts (demo only; never on an installation with real data):\n' +
            demoAccounts.map((a) => `  demo ${a.role}: ${a.username} / ${a.password}\n`).join(''),
    );
    if (demoPlan)
      process.stdout.write(`demo emergency plan (urban flooding): ${demoPlan.planId}\n`);
  }
} finally {
  await database.close();
}
