import { ZBackendConfig } from '@muster/contracts';
import { runMigrations } from '../platform/db/migrate.ts';

/** `npm run migrate -w backend`: applies migrations (the deploy step), then exits. */
const parsed = ZBackendConfig.pick({ DATABASE_URL: true }).safeParse(process.env);
if (!parsed.success) {
  process.stderr.write(`DATABASE_URL: ${parsed.error.issues[0]?.message ?? 'invalid'}\n`);
  process.exit(78);
}
await runMigrations(parsed.data.DATABASE_URL);
process.stdout.write('migrations applied\n');
