import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TEventEnvelope } from '@muster/contracts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { movableClock } from '../../testing/clock.ts';
import { errorCode, type Answer } from '../../testing/http.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  RALLY,
  approvedTeam,
  buildCallup,
  closeIncident,
  reportIncident,
  type ApprovedTeam,
} from '../../testing/callups.ts';
import { createSealer } from '../../platform/access/crypto.ts';
import { openLatestValues } from '../../platform/bus/latest-values.ts';
import type { LastPosition } from './callup-deps.ts';

const clock = movableClock();
const paths = (body: unknown) =>
  ((body as { error?: { issues?: { path: string }[] } }).error?.issues ?? []).map((i) => i.path);

describe('positions of deployed teams', () => {
  let w: ForcesWorld;
  let n = 0;

  beforeAll(async () => {
    w = await startForcesWorld(
      {
        duty: { role: 'duty_officer' },
        commander: { role: 'commander' },
        admin: { role: 'admin' },
      },
      { clock, config: { SWEEP_EVERY_MS: '60000', SESSION_IDLE_MINUTES: '1440' } },
    );
  });
  afterAll(async () => {
    await w?.stop();
  });

  /**
   * A team deployed to the incident (alerted and accepted), with a member account linked to its
   * first member on the roll (the link the registry keeps for members who sign in).
   */
  async function deployed(incident: string): Promise<ApprovedTeam & { member: string }> {
    const k = ++n;
    const rally = { ...RALLY, lon: RALLY.lon + k * 2 + 10 };
    const team = await approvedTeam(w, `lead${k}`, { filing: { base: rally } });
    const member = `member${k}`;
    await w.addAccount(member, { role: 'team_member', teamId: team.id });
    await w.m.database.db.execute(
      sql`update forces_members set account_id = ${w.ids.get(member)!} where id = ${team.memberIds[0]!}`,
    );
    const order = await w.as('duty', 'POST', '/api/forces/callups', {
      ...buildCallup(incident, { rallyPoint: rally, ackMinutes: 60 }),
    });
    const id = (order.body as { id: string }).id;
    await waitFor('the team to be dispatched', async () => {
      const d = await w.as('duty', 'POST', `/api/forces/callups/${id}/dispatch`, {
        teams: [{ teamId: team.id }],
      });
      return d.status === 200;
    });
    const ok = await w.as(
      team.leader,
      'POST',
      `/api/forces/callups/${id}/teams/${team.id}/answer`,
      {
        answer: 'accept',
        people: 3,
      },
    );
    expect(ok.status).toBe(200);
    return { ...team, member };
  }
  const report = (who: string, o: Record<string, unknown> = {}) =>
    w.as(who, 'POST', '/api/forces/positions', {
      lon: 106.4401,
      lat: 29.8202,
      accuracyM: 8,
      reportedAt: clock.now().toISOString(),
      ...o,
    });
  const tracks = (teamId: string) =>
    w.m.database.db.execute<{ sealed: string; member_id: string | null; incident_id: string }>(
      sql`select sealed, member_id, incident_id from forces_position_tracks where team_id = ${teamId} order by id`,
    );

  it('takes a deployed member’s report: sealed in the track, on the positions stream, last position kept', async () => {
    const incident = await reportIncident(w, { commander: 'commander' });
    const team = await deployed(incident);
    const before = (await w.m.bus.jsm.streams.info(w.m.streams.positions)).state.messages;
    const res = await report(team.member, { lon: 106.4409, lat: 29.8207 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ outcome: 'accepted', incidentId: incident });

    const [row] = await tracks(team.id);
    expect(row?.incident_id).toBe(incident);
    expect(row?.member_id).toBe(team.memberIds[0]);
    expect(row?.sealed).not.toContain('106.44');
    const opened = JSON.parse(createSealer(w.env.keys).open(row!.sealed)) as object;
    expect(opened).toEqual({ lon: 106.4409, lat: 29.8207, accuracyM: 8 });

    const [event] = await w.m.database.db.execute<{ envelope: TEventEnvelope }>(
      sql`select envelope from outbox where type = 'forces.position.reported'
            and envelope->'data'->>'teamId' = ${team.id}`,
    );
    expect(event?.envelope).toMatchObject({
      incidentId: incident,
      exercise: false,
      data: { teamId: team.id, memberId: team.memberIds[0], incidentId: incident, lon: 106.4409 },
    });
    await waitFor('the position on the positions stream', async () => {
      const info = await w.m.bus.jsm.streams.info(w.m.streams.positions);
      return info.state.messages > before;
    });
    const last = openLatestValues<LastPosition>(w.m.bus.nc, w.m.streams.lastPositionsBucket);
    const kept = await waitFor('the last position in the KV bucket', () => last.get(team.id));
    expect(kept).toMatchObject({
      teamId: team.id,
      incidentId: incident,
      lon: 106.4409,
      lat: 29.8207,
    });
  });

  it('refuses reports that come too often and drops those older than the last taken', async () => {
    const incident = await reportIncident(w, { commander: 'commander' });
    const team = await deployed(incident);
    const t0 = clock.now().getTime();
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    expect((await report(team.member, { reportedAt: at(0) })).status).toBe(200);
    const soon = await report(team.member, { reportedAt: at(500) });
    expect(soon.status).toBe(429);
    expect(errorCode(soon)).toBe('forces.position_too_frequent');
    clock.advance(2_000);
    expect((await report(team.member, { reportedAt: at(2_000) })).body).toMatchObject({
      outcome: 'accepted',
    });
    clock.advance(2_000);
    // A device's queue arriving late and out of order: older than the last taken, dropped.
    expect((await report(team.member, { reportedAt: at(1_000) })).body).toMatchObject({
      outcome: 'stale',
    });
    // The same report sent again counts once.
    expect((await report(team.member, { reportedAt: at(2_000) })).body).toMatchObject({
      outcome: 'stale',
    });
    expect(await tracks(team.id)).toHaveLength(2);
    // The leader's device is another reporter of the same team.
    expect((await report(team.leader, { reportedAt: at(3_000) })).status).toBe(200);
    expect(await tracks(team.id)).toHaveLength(3);
    // Reports not taken left no event behind.
    const events = await w.m.database.db.execute(
      sql`select 1 from outbox where type = 'forces.position.reported'
            and envelope->'data'->>'teamId' = ${team.id}`,
    );
    expect(events.length).toBe(3);
  });

  it('takes simultaneous reports of many devices together, and a device’s double once', async () => {
    const incident = await reportIncident(w, { commander: 'commander' });
    const teams = await Promise.all([deployed(incident), deployed(incident), deployed(incident)]);
    clock.advance(5_000);
    const t = clock.now().getTime();
    const answers = await Promise.all([
      ...teams.map((team) => report(team.member)),
      ...teams.map((team) => report(team.leader)),
      report(teams[0].member, { reportedAt: new Date(t + 100).toISOString() }),
    ]);
    const outcome = (a: Answer) => errorCode(a) ?? (a.body as { outcome: string }).outcome;
    const [first, ...others] = answers.map(outcome);
    const double = others.pop();
    expect(others).toEqual(Array(5).fill('accepted'));
    // The same device twice at once: whichever came first counts, the other is refused (older
    // than it, or too soon after it).
    expect([first, double].filter((o) => o === 'accepted')).toHaveLength(1);
    for (const team of teams) expect(await tracks(team.id)).toHaveLength(2);
  });

  it('refuses a team not deployed, bad input (naming the fields) and clocks far ahead', async () => {
    const idle = await approvedTeam(w, 'idle', { filing: { base: RALLY } });
    const notNow = await report(idle.leader);
    expect(notNow.status).toBe(409);
    expect(errorCode(notNow)).toBe('forces.not_deployed_now');
    const bad = await report(idle.leader, {
      lat: 95.271828,
      reportedAt: 'yesterday',
      accuracyM: -1,
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(
      expect.arrayContaining(['body.lat', 'body.reportedAt', 'body.accuracyM']),
    );
    // The refusal never echoes the coordinates it was sent (a value no request id holds).
    expect(JSON.stringify(bad.body)).not.toContain('271828');
    expect((await report('duty')).status).toBe(403);
    const incident = await reportIncident(w, { commander: 'commander' });
    const team = await deployed(incident);
    const ahead = await report(team.member, {
      reportedAt: new Date(clock.now().getTime() + 10 * 60_000).toISOString(),
    });
    expect(errorCode(ahead)).toBe('forces.position_time');
  });

  it('destroys the incident’s tracks and last positions when it closes, except what a hold keeps', async () => {
    const incident = await reportIncident(w, { commander: 'commander' });
    const gone = await deployed(incident);
    const kept = await deployed(incident);
    clock.advance(5_000);
    expect((await report(gone.member)).status).toBe(200);
    expect((await report(kept.member)).status).toBe(200);
    const last = openLatestValues<LastPosition>(w.m.bus.nc, w.m.streams.lastPositionsBucket);
    await waitFor('last positions', async () => (await last.get(gone.id)) && last.get(kept.id));
    const hold = await w.as('admin', 'POST', '/api/admin/holds', {
      incidentId: incident,
      holder: 'forces.positions',
      category: 'tracks',
      subjectIds: [kept.id],
      reason: '调查堤防溃口时间线 / evidence for the levee breach investigation',
      assessment: {
        legality: 'Emergency Response Law art. 85; PIPL art. 13(4)',
        necessity: 'reconstructs who was where when the levee broke',
        security: 'sealed at rest, admin only',
      },
      until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);

    await closeIncident(w, incident);
    await waitFor('the destruction job', async () => {
      const [job] = await w.m.database.db.execute<{ status: string }>(
        sql`select status from destruction_jobs where incident_id = ${incident}`,
      );
      if (job?.status === 'pending') await w.m.destruction.runDue();
      return job && job.status !== 'pending';
    });
    expect(await tracks(gone.id)).toHaveLength(0);
    expect(await tracks(kept.id)).toHaveLength(1);
    expect(await last.get(gone.id)).toBeUndefined();
    // Last positions were not held: every one of the incident's is gone.
    expect(await last.get(kept.id)).toBeUndefined();
    const records = await w.m.database.db.execute<{
      category: string;
      destroyed: number;
      kept_under_hold: number;
    }>(
      sql`select category, destroyed, kept_under_hold from destruction_records
            where incident_id = ${incident} and holder = 'forces.positions' order by category`,
    );
    expect(records.map((r) => [r.category, r.destroyed, r.kept_under_hold])).toEqual([
      ['last_positions', 2, 0],
      ['tracks', 1, 1],
    ]);
    // After the closure nothing more is gathered for it.
    clock.advance(5_000);
    expect(errorCode(await report(gone.member))).toBe('forces.not_deployed_now');
  });
});
