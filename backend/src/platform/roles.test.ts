import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../app.ts';
import { createTestEnv, type TestEnv } from '../testing/env.ts';
import { waitFor } from '../testing/processes.ts';
import { FAST_PASSWORDS, createAccount, login } from '../testing/accounts.ts';

describe('process roles', () => {
  let env: TestEnv;
  let api: Muster;
  let worker: Muster;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startMuster(
      env.config({ MUSTER_ROLES: 'api', INSTANCE_ID: 'api-1', ...FAST_PASSWORDS }),
    );
    worker = await startMuster(env.config({ MUSTER_ROLES: 'consumers', INSTANCE_ID: 'worker-1' }));
  });

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await env?.cleanup();
  });

  it('runs consumers only where the role says: a command on the api instance is applied by the consumers instance', async () => {
    expect(await api.consumers.status()).toEqual([]);
    const base = `http://127.0.0.1:${api.port}`;
    const duty = await createAccount(api.database.db, { role: 'duty_officer' });
    const { bearer } = await login(base, duty.username, duty.password);
    const res = await fetch(`${base}${systemRoutes.sendProbe.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ count: 5 }),
    });
    expect(res.status).toBe(202);
    const rows = await waitFor('the probes applied', async () => {
      const r = await worker.database.sql<
        { instance: string }[]
      >`select instance from probe_receipts`;
      return r.length === 5 ? r : undefined;
    });
    expect(new Set(rows.map((r) => r.instance))).toEqual(new Set(['worker-1']));
    // The consumers instance serves health but no API.
    expect((await fetch(`http://127.0.0.1:${worker.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${worker.port}${systemRoutes.status.path}`)).status).toBe(
      404,
    );
  });
});
