import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Role, TAck } from '@muster/contracts';
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
import { grants } from '../access/grants.ts';
import { auditLog } from '../access/tables.ts';

const EXACT = { lon: 106.43217, lat: 29.82361 };

describe('live positions through the gateway', () => {
  let env: TestEnv;
  let m: Muster;
  const incident = randomUUID();
  const teamA = randomUUID();
  const teamB = randomUUID();
  const sockets: TestSocket[] = [];
  const ids: Record<string, string> = {};

  async function connect(name: string, role: Role, teamId?: string): Promise<TestSocket> {
    const a = await createAccount(m.database.db, { role, ...(teamId ? { teamId } : {}) });
    ids[name] = a.id;
    const s = await login(`http://127.0.0.1:${m.port}`, a.username, a.password);
    const socket = await open(gatewayClient(m, { token: s.bearer }));
    sockets.push(socket);
    return socket;
  }

  const viewsOf = (actor: string) =>
    m.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actor, actor), eq(auditLog.action, 'personal.viewed')));

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS }));
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await m?.stop();
    await env?.cleanup();
  });

  it('shows a commander of I whole positions of a team deployed to I, an observer coarse ones, another team nothing', async () => {
    const commander = await connect('commander', 'commander');
    const db = m.database.db;
    const at = new Date();
    await grants.grant(db, {
      kind: 'command',
      incidentId: incident,
      accountId: ids.commander!,
      at,
    });
    await grants.grant(db, { kind: 'deployment', incidentId: incident, teamId: teamA, at });
    await m.realtime!.refreshAccess();
    expect(m.realtime!.roomsOf(commander.id!)).toContain(`incident:${incident}:command`);

    const observer = await connect('observer', 'observer');
    const department = await connect('department', 'department');
    const otherTeam = await connect('memberB', 'team_member', teamB);
    const leaderA = await connect('leaderA', 'team_leader', teamA);
    const officer = await connect('officer', 'duty_officer');
    const got = new Map(
      [commander, observer, department, otherTeam, leaderA, officer].map(
        (s) => [s, record(s, 'map:positions')] as const,
      ),
    );

    await publishPosition(m, { teamId: teamA, incidentId: incident, ...EXACT, accuracyM: 5 });
    const seen = (s: TestSocket) => positionsOf(got.get(s)!, teamA);
    await waitFor('the commander to see the exact position', () =>
      seen(commander).some((p) => p.precision === 'exact'),
    );
    await waitFor('the observer to see a position', () => seen(observer).length > 0);
    await waitFor('the department to see a position', () => seen(department).length > 0);
    await waitFor('the team leader to see the own team', () => seen(leaderA).length > 0);
    await waitFor('the duty officer to see a position', () => seen(officer).length > 0);
    await settle();

    const exact = seen(commander).find((p) => p.precision === 'exact')!;
    expect(exact).toMatchObject({ ...EXACT, accuracyM: 5, incidentId: incident, exercise: false });
    for (const s of [observer, department, officer]) {
      expect(seen(s).every((p) => p.precision === 'coarse')).toBe(true);
      expect(seen(s).some((p) => p.lon === EXACT.lon || p.lat === EXACT.lat)).toBe(false);
      expect(seen(s)[0]).toMatchObject({ lon: 106.43, lat: 29.82 });
      expect(seen(s)[0]!.accuracyM).toBeUndefined();
    }
    expect(seen(leaderA).some((p) => p.precision === 'exact' && p.lon === EXACT.lon)).toBe(true);
    expect(got.get(otherTeam)).toEqual([]);

    // One broadcast per room per tick: both the commander's messages carry the same seq.
    const seqs = new Set(got.get(commander)!.map((b) => b.seq));
    expect(seqs.size).toBe(1);

    // A duty officer whose map names the incident sees its deployed teams whole.
    const acks: TAck[] = [];
    const snapshots = record(officer, 'sync:snapshot');
    officer.emit('map:subscribe', { incidentId: incident }, (a) => acks.push(a));
    await waitFor('the subscription', () => snapshots.length > 0);
    expect(acks).toEqual([{ ok: true }]);
    expect(
      snapshots[0]!.positions.some((p) => p.precision === 'exact' && p.lon === EXACT.lon),
    ).toBe(true);
  });

  it('audits a whole view once per viewer, team and incident, not per message', async () => {
    await waitFor(
      'the commander view audited',
      async () => (await viewsOf(ids.commander!)).length > 0,
    );
    for (let i = 0; i < 3; i++) {
      await publishPosition(m, {
        teamId: teamA,
        incidentId: incident,
        lon: 106.4 + i / 100,
        lat: 29.8,
      });
      await settle(50);
    }
    // A grant change that does not touch this view does not audit it again.
    await grants.grant(m.database.db, {
      kind: 'deployment',
      incidentId: randomUUID(),
      teamId: teamB,
      at: new Date(),
    });
    await m.realtime!.refreshAccess();
    await settle();
    const views = await viewsOf(ids.commander!);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      subjectType: 'team',
      subjectId: teamA,
      field: 'position',
      purpose: incident,
    });
    expect(JSON.stringify(views[0])).not.toContain('106.4');
    expect(await viewsOf(ids.officer!)).toHaveLength(1);
    expect(await viewsOf(ids.leaderA!)).toHaveLength(1);
    for (const who of ['observer', 'department', 'memberB'])
      expect(await viewsOf(ids[who]!)).toHaveLength(0);
    const pushes = await m.metrics.realtimePushes.get();
    const byEvent = new Map(pushes.values.map((v) => [v.labels.event, v.value]));
    expect(byEvent.get('map:positions')).toBeGreaterThan(0);
  });

  it('takes exact positions away from a commander when the deployment ends, and the room when the command ends', async () => {
    const db = m.database.db;
    const commander = await connect('commander2', 'commander');
    await grants.grant(db, {
      kind: 'command',
      incidentId: incident,
      accountId: ids.commander2!,
      at: new Date(),
    });
    await waitFor('the command room', () =>
      m.realtime!.roomsOf(commander.id!).includes(`incident:${incident}:command`),
    );
    const batches = record(commander, 'map:positions');
    const snapshots = record(commander, 'sync:snapshot');
    await publishPosition(m, { teamId: teamA, incidentId: incident, ...EXACT });
    await waitFor('an exact position', () =>
      positionsOf(batches, teamA).some((p) => p.precision === 'exact'),
    );

    // Ended through grants.end; the gateway notices by its poll, without being told. A snapshot
    // sent for the command grant may still be on its way, so the map's last one is what counts.
    snapshots.length = 0;
    await grants.end(db, {
      kind: 'deployment',
      incidentId: incident,
      teamId: teamA,
      at: new Date(),
    });
    const lastSnapshot = () => positionsOf(snapshots.slice(-1), teamA).map((p) => p.precision);
    await waitFor(
      'a snapshot replacing the map with the coarse position',
      () => lastSnapshot().length > 0 && !lastSnapshot().includes('exact'),
      5_000,
    );
    expect(lastSnapshot()).toEqual(['coarse']);

    batches.length = 0;
    await publishPosition(m, {
      teamId: teamA,
      incidentId: incident,
      lon: 106.44444,
      lat: 29.81111,
    });
    await waitFor('the next position', () => positionsOf(batches, teamA).length > 0);
    await settle();
    expect(positionsOf(batches, teamA).map((p) => p.precision)).toEqual(['coarse']);
    expect(positionsOf(batches, teamA).some((p) => p.lon === 106.44444)).toBe(false);

    await grants.end(db, {
      kind: 'command',
      incidentId: incident,
      accountId: ids.commander2!,
      at: new Date(),
    });
    await waitFor(
      'the command room to be left',
      () => !m.realtime!.roomsOf(commander.id!).includes(`incident:${incident}:command`),
      5_000,
    );
    expect(m.realtime!.roomsOf(commander.id!)).toEqual(['role:commander']);
  });
});
