import { z } from 'zod';
import { ZBackendConfig, ZPassword, ZUsername } from '@muster/contracts';
import { systemClock } from '../platform/clock.ts';
import { createDatabase } from '../platform/db/client.ts';
import { runMigrations } from '../platform/db/migrate.ts';
import { createAuditWriter } from '../platform/access/audit.ts';
import { createFirstAdmin } from '../platform/access/bootstrap.ts';
import { createPasswordHasher } from '../platform/access/passwords.ts';

/**
 * `npm run admin:create`: creates the first admin of a fresh installation from the environment
 * (MUSTER_ADMIN_USERNAME, MUSTER_ADMIN_PASSWORD, optionally MUSTER_ADMIN_DISPLAY_NAME), unless an
 * active admin exists. The environment only: a deploy step has no terminal to prompt on. The
 * password is never printed.
 */
const ZEnv = ZBackendConfig.pick({ DATABASE_URL: true, ARGON2_MEMORY_KIB: true }).extend({
  MUSTER_ADMIN_USERNAME: ZUsername,
  MUSTER_ADMIN_PASSWORD: ZPassword,
  MUSTER_ADMIN_DISPLAY_NAME: z.string().min(1).max(100).default('系统管理员'),
});
const parsed = ZEnv.safeParse(process.env);
if (!parsed.success) {
  process.stderr.write(
    `cannot create the admin; fix these settings:\n${parsed.error.issues
      .map((i) => `  - ${i.path.join('.')}: ${i.message}`)
      .join('\n')}\n`,
  );
  process.exit(78);
}
const env = parsed.data;
await runMigrations(env.DATABASE_URL);
const database = createDatabase(env.DATABASE_URL, { max: 2, appName: 'muster-create-admin' });
let code = 0;
try {
  const r = await createFirstAdmin(
    {
      db: database.db,
      clock: systemClock,
      audit: createAuditWriter(database.db, systemClock),
      passwords: createPasswordHasher({ memoryKib: env.ARGON2_MEMORY_KIB }),
    },
    {
      username: env.MUSTER_ADMIN_USERNAME,
      password: env.MUSTER_ADMIN_PASSWORD,
      displayName: env.MUSTER_ADMIN_DISPLAY_NAME,
    },
  );
  switch (r.outcome) {
    case 'created':
      process.stdout.write(`admin ${env.MUSTER_ADMIN_USERNAME} created (${r.id})\n`);
      break;
    case 'exists':
      process.stdout.write('an active admin exists already; nothing changed\n');
      break;
    case 'username_taken':
      process.stderr.write(
        `the username ${env.MUSTER_ADMIN_USERNAME} belongs to another account; choose another\n`,
      );
      code = 1;
      break;
  }
} finally {
  await database.close();
}
process.exit(code);
