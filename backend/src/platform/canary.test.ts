import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../app.ts';
import { createTestEnv, type TestEnv } from '../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login } from '../testing/accounts.ts';
import {
  REALTIME_TEST_CONFIG,
  gatewayClient,
  open,
  publishPosition,
  settle,
} from '../testing/realtime.ts';
import { waitFor } from '../testing/processes.ts';
import { grants } from './access/grants.ts';
import { createLogger } from './logger.ts';

/**
 * Canary personal values go through the system — sign-up, a failed sign-in, a live position, a
 * malformed request — with logging at its most verbose; none may appear in any log line.
 */
describe('logs never carry personal information', () => {
  const lines: string[] = [];
  let env: TestEnv;
  let m: Muster;
  const CANARY = {
    phone: '13700001111',
    password: 'canary-Pa55word-xyz',
    lon: 106.41234,
    lat: 29.81234,
    name: '赵金丝雀',
  };

  beforeAll(async () => {
    env = await createTestEnv();
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const logger = createLogger({ level: 'trace', instanceId: 'canary', destination });
    m = await startMuster(
      env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS, LOG_LEVEL: 'trace' }),
      { logger },
    );
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  it('keeps canary values out of every log line', async () => {
    const base = `http://127.0.0.1:${m.port}`;
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify(body),
      });
    expect(
      (
        await post(accessRoutes.signup.path, {
          username: 'canary.leader',
          displayName: CANARY.name,
          phone: CANARY.phone,
          password: CANARY.password,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post(accessRoutes.login.path, {
          username: 'canary.leader',
          password: 'wrong-' + CANARY.password,
        })
      ).status,
    ).toBeGreaterThanOrEqual(400);
    // A malformed request that echoes a personal value back in its error.
    expect(
      (
        await post(accessRoutes.signup.path, {
          username: 'x',
          displayName: CANARY.name,
          phone: `${CANARY.phone}9`,
          password: 'short',
        })
      ).status,
    ).toBe(400);

    const team = randomUUID();
    const incident = randomUUID();
    const commander = await createAccount(m.database.db, { role: 'commander' });
    await grants.grant(m.database.db, {
      kind: 'command',
      incidentId: incident,
      accountId: commander.id,
      at: new Date(),
    });
    await grants.grant(m.database.db, {
      kind: 'deployment',
      incidentId: incident,
      teamId: team,
      at: new Date(),
    });
    await m.realtime!.refreshAccess();
    const s = await open(
      gatewayClient(m, {
        token: (await login(base, commander.username, commander.password)).bearer,
      }),
    );
    let seen = false;
    s.on('map:positions', () => (seen = true));
    await publishPosition(m, {
      teamId: team,
      incidentId: incident,
      lon: CANARY.lon,
      lat: CANARY.lat,
    });
    await waitFor('the position pushed', () => seen);
    s.close();
    await settle();

    const log = lines.join('');
    expect(log.length).toBeGreaterThan(1000); // trace logging did happen
    for (const value of [
      CANARY.phone,
      CANARY.password,
      CANARY.name,
      String(CANARY.lon),
      String(CANARY.lat),
    ]) {
      expect(log, `log contains ${value}`).not.toContain(value);
    }
  });
});
