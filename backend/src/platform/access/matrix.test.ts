import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { accessRoutes, type Role } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login } from '../../testing/accounts.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  REALTIME_TEST_CONFIG,
  gatewayClient,
  open,
  positionsOf,
  publishPosition,
  record,
  settle,
  type TestSocket,
} from '../../testing/realtime.ts';
import { grants } from './grants.ts';
import { auditLog } from './tables.ts';

/**
 * The promise to volunteers, cell by cell: for each viewer, each personal field and each channel
 * (REST and the live socket), what reaches them — whole, masked or nothing — and that every whole
 * view of a sensitive field is audited. Canary values make a leak visible anywhere in a payload.
 */
const CANARY_PHONE = '13987654321';
const CANARY_NAME = '王金丝雀';
const EXACT = { lon: 106.43791, lat: 29.82943 };

type Cell = 'whole' | 'masked' | 'none';

interface Viewer {
  name: string;
  role: Role | 'public';
  team?: 'A' | 'B';
  commandsIncident?: boolean;
  /** Another account's contact in GET /api/accounts. */
  accountsList: Cell | 'forbidden';
  /** Team A's live position on the map (team A is deployed to the incident). */
  livePosition: Cell;
}

const VIEWERS: Viewer[] = [
  { name: 'admin', role: 'admin', accountsList: 'whole', livePosition: 'whole' },
  { name: 'duty officer', role: 'duty_officer', accountsList: 'whole', livePosition: 'masked' },
  {
    name: 'commander of the incident',
    role: 'commander',
    commandsIncident: true,
    accountsList: 'forbidden',
    livePosition: 'whole',
  },
  {
    name: 'another commander',
    role: 'commander',
    accountsList: 'forbidden',
    livePosition: 'masked',
  },
  {
    name: 'leader of team A',
    role: 'team_leader',
    team: 'A',
    accountsList: 'forbidden',
    livePosition: 'whole',
  },
  {
    name: 'member of team A',
    role: 'team_member',
    team: 'A',
    accountsList: 'forbidden',
    livePosition: 'whole',
  },
  {
    name: 'leader of team B',
    role: 'team_leader',
    team: 'B',
    accountsList: 'forbidden',
    livePosition: 'masked',
  },
  {
    name: 'member of team B',
    role: 'team_member',
    team: 'B',
    accountsList: 'forbidden',
    livePosition: 'none',
  },
  { name: 'department', role: 'department', accountsList: 'forbidden', livePosition: 'masked' },
  {
    name: 'observer (journalist)',
    role: 'observer',
    accountsList: 'forbidden',
    livePosition: 'masked',
  },
  { name: 'the public', role: 'public', accountsList: 'forbidden', livePosition: 'none' },
];

describe('personal information: role × field × channel', () => {
  let env: TestEnv;
  let m: Muster;
  const incident = randomUUID();
  const teams = { A: randomUUID(), B: randomUUID() };
  const ids = new Map<string, string>();
  const bearers = new Map<string, string>();
  const sockets = new Map<string, TestSocket>();
  const batches = new Map<string, ReturnType<typeof record<'map:positions'>>>();
  let base = '';

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS }));
    base = `http://127.0.0.1:${m.port}`;
    // The person whose contact is at stake: a volunteer of team A.
    await createAccount(m.database.db, {
      role: 'team_member',
      teamId: teams.A,
      phone: CANARY_PHONE,
      displayName: CANARY_NAME,
    });
    const at = new Date();
    await grants.grant(m.database.db, {
      kind: 'deployment',
      incidentId: incident,
      teamId: teams.A,
      at,
    });
    for (const v of VIEWERS) {
      if (v.role === 'public') continue;
      const a = await createAccount(m.database.db, {
        role: v.role,
        ...(v.team ? { teamId: teams[v.team] } : {}),
      });
      ids.set(v.name, a.id);
      if (v.commandsIncident)
        await grants.grant(m.database.db, {
          kind: 'command',
          incidentId: incident,
          accountId: a.id,
          at,
        });
      bearers.set(v.name, (await login(base, a.username, a.password)).bearer);
    }
    await m.realtime!.refreshAccess();
    for (const v of VIEWERS) {
      const bearer = bearers.get(v.name);
      if (!bearer) continue;
      const s = await open(gatewayClient(m, { token: bearer }));
      sockets.set(v.name, s);
      batches.set(v.name, record(s, 'map:positions'));
    }
  });

  afterAll(async () => {
    for (const s of sockets.values()) s.close();
    await m?.stop();
    await env?.cleanup();
  });

  it.each(VIEWERS.map((v) => [v.name, v] as const))('REST accounts list — %s', async (_n, v) => {
    const bearer = bearers.get(v.name);
    const res = await fetch(`${base}${accessRoutes.listAccounts.path}?limit=200`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
    const text = await res.text();
    if (v.accountsList === 'forbidden') {
      expect([401, 403]).toContain(res.status);
      expect(text).not.toContain(CANARY_PHONE);
      expect(text).not.toContain(CANARY_NAME);
      return;
    }
    expect(res.status).toBe(200);
    if (v.accountsList === 'whole') expect(text).toContain(CANARY_PHONE);
    else expect(text).not.toContain(CANARY_PHONE);
  });

  it('REST own session — everyone sees their own contact whole, and no one else’s', async () => {
    for (const v of VIEWERS) {
      const bearer = bearers.get(v.name);
      const res = await fetch(`${base}${accessRoutes.session.path}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
      if (!bearer) {
        expect(res.status).toBe(401);
        continue;
      }
      const body = (await res.json()) as { account: { id: string; displayName?: string } };
      expect(body.account.id).toBe(ids.get(v.name));
      expect(body.account.displayName).toBe('测试用户');
      expect(JSON.stringify(body)).not.toContain(CANARY_PHONE);
    }
  });

  it('live socket — team A’s position reaches each viewer whole, coarse or not at all; whole views are audited', async () => {
    // The public has no socket at all: an unauthenticated handshake is refused.
    await expect(open(gatewayClient(m))).rejects.toBeDefined();
    await publishPosition(m, { teamId: teams.A, incidentId: incident, ...EXACT, accuracyM: 4 });
    for (const v of VIEWERS.filter((x) => x.livePosition !== 'none' && sockets.has(x.name))) {
      await waitFor(
        `${v.name} to get a position`,
        () => positionsOf(batches.get(v.name)!, teams.A).length > 0,
        10_000,
        20,
      );
    }
    await settle();
    for (const v of VIEWERS) {
      const got = sockets.has(v.name) ? positionsOf(batches.get(v.name)!, teams.A) : [];
      const raw = JSON.stringify(got);
      switch (v.livePosition) {
        case 'whole':
          expect(
            got.some((p) => p.precision === 'exact' && p.lon === EXACT.lon && p.lat === EXACT.lat),
            v.name,
          ).toBe(true);
          break;
        case 'masked':
          expect(got.length, v.name).toBeGreaterThan(0);
          expect(
            got.every((p) => p.precision === 'coarse'),
            v.name,
          ).toBe(true);
          expect(raw, v.name).not.toContain(String(EXACT.lon));
          expect(raw, v.name).not.toContain(String(EXACT.lat));
          expect(raw, v.name).not.toContain('accuracyM');
          break;
        case 'none':
          expect(got, v.name).toEqual([]);
          break;
      }
    }
    for (const v of VIEWERS) {
      const id = ids.get(v.name);
      if (!id) continue;
      const views = await m.database.db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.actor, id),
            eq(auditLog.action, 'personal.viewed'),
            eq(auditLog.subjectId, teams.A),
          ),
        );
      if (v.livePosition === 'whole')
        expect(views.length, `${v.name} audited`).toBeGreaterThanOrEqual(1);
      else expect(views, `${v.name} not audited`).toEqual([]);
      // The audit chain holds ids only.
      expect(JSON.stringify(views)).not.toContain(String(EXACT.lon));
    }
  });
});
