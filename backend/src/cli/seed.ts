import { ZBackendConfig } from '@muster/contracts';
import { runMigrations } from '../platform/db/migrate.ts';
import { createDatabase } from '../platform/db/client.ts';
import { DEMO_DISTRICT, seedDemoDistrict } from '../platform/geo/seed.ts';

/** A demo sign-in that `npm run up` prints. */
interface DemoAccount {
  role: string;
  username: string;
  password: string;
}

/**
 * The demo sign-ins, one per role. Empty until the accounts feature exists; that change creates
 * them in this seed and lists them here, and `npm run up` prints whatever this holds.
 */
const DEMO_ACCOUNTS: readonly DemoAccount[] = [];

/**
 * `node --import tsx backend/src/cli/seed.ts [--json]`: migrates, then seeds the demo district.
 * Idempotent. With `--json` it prints one JSON line (what `npm run up` reads) instead of prose.
 */
const json = process.argv.includes('--json');
const parsed = ZBackendConfig.pick({ DATABASE_URL: true }).safeParse(process.env);
if (!parsed.success) {
  process.stderr.write(`DATABASE_URL: ${parsed.error.issues[0]?.message ?? 'invalid'}\n`);
  process.exit(78);
}
await runMigrations(parsed.data.DATABASE_URL);
const database = createDatabase(parsed.data.DATABASE_URL, { max: 1, appName: 'muster-seed' });
try {
  const seeded = await seedDemoDistrict(database.db);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ district: DEMO_DISTRICT, areas: seeded.areas, demoAccounts: DEMO_ACCOUNTS })}\n`,
    );
  } else {
    process.stdout.write(
      `migrations applied\nseeded ${DEMO_DISTRICT.name} ${DEMO_DISTRICT.nameEn} (${seeded.districtCode}): ` +
        `${seeded.areas} administrative areas\n`,
    );
    process.stdout.write(
      DEMO_ACCOUNTS.length === 0
        ? 'demo accounts: none yet (sign-in arrives with the accounts feature)\n'
        : DEMO_ACCOUNTS.map((a) => `demo ${a.role}: ${a.username} / ${a.password}\n`).join(''),
    );
  }
} finally {
  await database.close();
}
