import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ZReadiness } from '@muster/contracts';
import { freePort, waitFor } from '../../backend/src/testing/processes.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The path a newcomer takes: `npm run up` with neither DATABASE_URL nor NATS_URL, so it starts
 * its own NATS and embedded PostgreSQL on free ports (this machine's 4222 and 5432 are taken),
 * migrates, seeds and serves; Ctrl-C stops every child.
 */
describe('npm run up on a fresh machine', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'muster-up-'));
  // Embedded PostgreSQL runs as the postgres user when started by root: it must reach the folder.
  chmodSync(dataDir, 0o755);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('provisions NATS and PostgreSQL on free ports and reaches /readyz 200, then stops cleanly', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      MUSTER_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    delete env.NATS_URL;
    const up = spawn(process.execPath, [path.join(ROOT, 'infra/scripts/up.mjs')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    up.stdout.on('data', (d: Buffer) => (out += d.toString()));
    up.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => up.on('exit', (code) => resolve(code)));
    try {
      const body = await waitFor(
        '/readyz 200 from npm run up',
        async () => {
          if (up.exitCode !== null) throw new Error(`up exited early:\n${out.slice(-3000)}`);
          const res = await fetch(`http://127.0.0.1:${port}/readyz`);
          // The banner follows the first 200.
          return res.status === 200 && out.includes('Press Ctrl-C')
            ? ZReadiness.parse(await res.json())
            : undefined;
        },
        240_000,
        500,
      );
      expect(body.status).toBe('ready');
      expect(out).toMatch(/nats: ready at nats:\/\/127\.0\.0\.1:\d+/);
      expect(out).toContain('Muster is running');
      expect(out).toContain('北碚区');
      // Its own servers, not this machine's shared ones.
      expect(out).not.toMatch(/ready at nats:\/\/127\.0\.0\.1:4222\b/);
    } finally {
      // Ctrl-C reaches the whole process group.
      if (up.pid) process.kill(-up.pid, 'SIGINT');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('stopped');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 300_000);
});
