// `npm test`: runs every test against real PostgreSQL and NATS. With DATABASE_URL and NATS_URL
// set it uses those; otherwise it provisions them under ./data/test the same way `npm run up` does.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (line) => process.stdout.write(`[test] ${line}\n`);

// A fresh checkout: install first, as `npm run up` does.
if (!existsSync(path.join(root, 'node_modules', 'vitest'))) {
  log('installing dependencies (npm install)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
// An install made before the driver guard existed (postinstall applies it to every new one).
{
  const { patchPostgresDriver } = await import('./patch-postgres.mjs');
  patchPostgresDriver(root, log);
}

const env = { ...process.env };
const { ensureServices } = await import('./provision.mjs');
const stops = await ensureServices(env, { dataDir: path.join(root, 'data', 'test'), log });

// The end-to-end tests and the PDF tests drive Debian's Chromium (with a CJK font); install
// them the way `npm run up` installs nats-server (as root, with apt-get), or say how.
{
  const { ensurePrinting } = await import('./provision.mjs');
  ensurePrinting({ log });
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
