import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

/**
 * The database driver's guard (infra/scripts/patch-postgres.mjs): a connection whose server
 * backend is terminated, then written to again, must reject the query with the driver's
 * CONNECTION_CLOSED, not throw an uncaught TypeError that ends the process. Without the guard
 * this exits 3 on its first write after the termination (postgres.js ≤ 3.4.9).
 */
const SCRIPT = `
import postgres from 'postgres';
const sql = postgres(process.env.URL, { max: 2, onnotice: () => {} });
process.on('uncaughtException', (e) => { console.log('uncaught ' + e.message); process.exit(3); });
const reserved = await sql.reserve();
const [{ pid }] = await reserved\`select pg_backend_pid() as pid\`;
await sql\`select pg_terminate_backend(\${pid})\`;
for (let i = 0; i < 4; i++) {
  try { await reserved\`select 1\`; console.log('answered'); }
  catch (e) { console.log('rejected ' + (e.code ?? e.message)); }
  await new Promise((r) => setTimeout(r, 30));
}
const [{ n }] = await sql\`select 1 as n\`;
console.log('pool answers ' + n);
process.exit(0);
`;

describe('the database driver when PostgreSQL drops a connection', () => {
  it('rejects the writes of a closed connection and keeps the process alive', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      // Resolved from the backend, as the backend resolves the driver.
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: { ...process.env, URL: inject('adminDatabaseUrl') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const lines = run.stdout.trim().split('\n');
    expect(
      lines.filter((l) => l.startsWith('uncaught')),
      run.stderr,
    ).toEqual([]);
    expect(run.status).toBe(0);
    expect(lines.filter((l) => l.startsWith('rejected'))).toHaveLength(4);
    expect(lines).toContain('rejected CONNECTION_CLOSED');
    expect(lines.at(-1)).toBe('pool answers 1');
  });
});
