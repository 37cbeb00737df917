// `npm test`: runs every test against real PostgreSQL and NATS. With DATABASE_URL and NATS_URL
// set it uses those; otherwise it provisions them under ./data/test the same way `npm run up` does.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (line) => process.stdout.write(`[test] ${line}\n`);

const stops = [];
const env = { ...process.env };
if (!env.DATABASE_URL || !env.NATS_URL) {
  const { ensureNats, ensurePostgres } = await import('./provision.mjs');
  const dataDir = path.join(root, 'data', 'test');
  if (!env.NATS_URL) {
    const nats = await ensureNats({ dataDir, log });
    env.NATS_URL = nats.url;
    stops.push(nats.stop);
  }
  if (!env.DATABASE_URL) {
    const pg = await ensurePostgres({ dataDir, log });
    env.DATABASE_URL = pg.url;
    stops.push(pg.stop);
  }
}

// The end-to-end tests drive Debian's Chromium; install it the way `npm run up` installs
// nats-server (as root, with apt-get), or say how.
if (!existsSync('/usr/bin/chromium')) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    log('installing chromium for the browser tests (apt-get install chromium)');
    const apt = (args) =>
      new Promise((resolve) => spawn('apt-get', args, { stdio: 'inherit' }).on('exit', resolve));
    await apt(['update']);
    await apt(['install', '-y', '--no-install-recommends', 'chromium']);
  } else {
    log(
      'chromium is missing: the browser tests will fail; install it with `sudo apt-get install chromium`',
    );
  }
}

const child = spawn(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)],
  { cwd: root, env, stdio: 'inherit' },
);
const code = await new Promise((resolve) =>
  child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))),
);
for (const stop of stops.reverse()) await stop().catch(() => undefined);
process.exit(code);
