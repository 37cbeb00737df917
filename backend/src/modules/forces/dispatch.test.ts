import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  CALLUP_LEGAL_BASIS,
  ZCallup,
  ZCallupBoardRow,
  type TCallup,
  type TCallupRequest,
  type TMatchResult,
} from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { FAST_PASSWORDS } from '../../testing/accounts.ts';
import { movableClock } from '../../testing/clock.ts';
import { call, errorCode } from '../../testing/http.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  approvedTeam,
  places,
  buildCallup,
  callupEvents,
  reportIncident,
} from '../../testing/callups.ts';

const clock = movableClock();
const issuePaths = (body: unknown) =>
  ((body as { error?: { issues?: { path: string }[] } }).error?.issues ?? []).map((i) => i.path);

const place = places();

describe('dispatch: alerts, answers counted once, time-outs and escalation', () => {
  let w: ForcesWorld;
  let incident: string;

  beforeAll(async () => {
    w = await startForcesWorld(
      {
        duty: { role: 'duty_officer' },
        commander: { role: 'commander' },
        other: { role: 'commander' },
        observer: { role: 'observer' },
        leaderless: { role: 'team_leader' },
      },
      // Sweeps are run by the tests after moving the clock.
      { clock, config: { SWEEP_EVERY_MS: '60000' } },
    );
    incident = await reportIncident(w, { commander: 'commander' });
  });
  afterAll(async () => {
    await w?.stop();
  });

  const order = async (o: Partial<TCallupRequest> = {}, as = 'duty') => {
    const res = await w.as(as, 'POST', '/api/forces/callups', buildCallup(incident, o));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return ZCallup.parse(res.body);
  };
  const board = async (id: string, as = 'duty'): Promise<TCallup> => {
    const res = await w.as(as, 'GET', `/api/forces/callups/${id}`);
    expect(res.status).toBe(200);
    return ZCallup.parse(res.body);
  };
  const rowOf = (c: TCallup, teamId: string) => c.board.find((r) => r.teamId === teamId);
  /** Waits until the index has the teams (their approval events arrive a moment later). */
  const indexed = (callupId: string, teamIds: string[]) =>
    waitFor('the teams in the matching index', async () => {
      const r = await w.as('duty', 'GET', `/api/forces/callups/${callupId}/candidates`);
      const ids = (r.body as TMatchResult).candidates.map((c) => c.teamId);
      return teamIds.every((t) => ids.includes(t));
    });

  it('orders a call-up for a known incident, by a duty officer or its commander; bad input names the fields', async () => {
    const bad = await w.as('duty', 'POST', '/api/forces/callups', {
      ...buildCallup(incident),
      needs: [],
      window: { from: '2026-12-02T08:00:00+08:00', to: '2026-12-01T08:00:00+08:00' },
      terms: { personHourFen: 12.5, equipmentHourFen: [], expensesReimbursed: true },
    });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad.body)).toEqual(
      expect.arrayContaining(['body.needs', 'body.window.to', 'body.terms.personHourFen']),
    );
    const uninsured = await w.as('duty', 'POST', '/api/forces/callups', {
      ...buildCallup(incident),
      insuranceRequired: false,
    });
    expect(uninsured.status).toBe(400);
    expect(issuePaths(uninsured.body)).toEqual(['body.insuranceNote']);
    const past = await w.as('duty', 'POST', '/api/forces/callups', {
      ...buildCallup(incident),
      window: { from: '2020-01-01T08:00:00+08:00', to: '2020-01-02T08:00:00+08:00' },
    });
    expect(issuePaths(past.body)).toEqual(['body.window.to']);
    expect(
      errorCode(await w.as('leaderless', 'POST', '/api/forces/callups', buildCallup(incident))),
    ).toBe('auth.forbidden');
    expect(
      errorCode(await w.as('other', 'POST', '/api/forces/callups', buildCallup(incident))),
    ).toBe('forces.not_incident_commander');
    const unknown = await w.as('duty', 'POST', '/api/forces/callups', buildCallup(randomUUID()));
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('forces.incident_unknown');
    expect((await w.m.database.db.execute(sql`select 1 from forces_callups`)).length).toBe(0);

    const c = await order({}, 'commander');
    expect(c).toMatchObject({ status: 'open', legalBasis: CALLUP_LEGAL_BASIS, board: [] });
    const [requested] = await callupEvents(w, c.id);
    expect(requested).toMatchObject({
      type: 'forces.callup.requested',
      incidentId: incident,
      exercise: false,
      data: { callupId: c.id, insuranceRequired: true },
    });
  });

  it('times out unanswered alerts and escalates to the next team until none is left', async () => {
    const p = place();
    const a = await approvedTeam(w, 'a1', { filing: { base: p.at(1) } });
    const b = await approvedTeam(w, 'b1', { filing: { base: p.at(2) } });
    const c3 = await approvedTeam(w, 'c1', { filing: { base: p.at(3) } });
    const c = await order({ rallyPoint: p.rally });
    await indexed(c.id, [a.id, b.id, c3.id]);

    const sent = ZCallup.parse(
      (await w.as('duty', 'POST', `/api/forces/callups/${c.id}/dispatch`, {})).body,
    );
    expect(sent.board.map((r) => [r.teamId, r.status])).toEqual([[a.id, 'alerted']]);

    clock.advance(61_000);
    await w.m.sweeps.runNow();
    let now = await board(c.id);
    expect(rowOf(now, a.id)?.status).toBe('timed_out');
    expect(rowOf(now, b.id)).toMatchObject({ status: 'alerted', escalatedFrom: a.id });
    const late = await w.as('a1', 'POST', `/api/forces/callups/${c.id}/teams/${a.id}/answer`, {
      answer: 'accept',
      people: 5,
    });
    expect(late.status).toBe(409);
    expect(errorCode(late)).toBe('forces.ack_deadline_passed');

    const no = await w.as('b1', 'POST', `/api/forces/callups/${c.id}/teams/${b.id}/answer`, {
      answer: 'decline',
      reason: '队员在外地执行任务 / members away on another job',
    });
    expect(no.status).toBe(200);
    now = await board(c.id);
    expect(rowOf(now, b.id)?.declineReason).toContain('队员在外地');
    expect(rowOf(now, c3.id)).toMatchObject({ status: 'alerted', escalatedFrom: b.id });

    clock.advance(61_000);
    await w.m.sweeps.runNow();
    now = await board(c.id);
    expect(rowOf(now, c3.id)?.status).toBe('timed_out');
    expect(now.needs).toEqual([
      { capability: 'water_rescue', count: 1, accepted: 0, pending: 0, exhausted: true },
    ]);
    // A second round finds nothing left to do.
    expect((await w.m.sweeps.runNow())['forces.ack-deadlines']).toBe(0);

    const events = (await callupEvents(w, c.id)).map((e) => {
      const d = e.data as { teamId?: string; timeout?: boolean };
      return [e.type, d.teamId ?? null, d.timeout ?? null];
    });
    expect(events).toEqual([
      ['forces.callup.requested', null, null],
      ['forces.callup.alerted', a.id, null],
      ['forces.callup.declined', a.id, true],
      ['forces.callup.alerted', b.id, null],
      ['forces.callup.declined', b.id, false],
      ['forces.callup.alerted', c3.id, null],
      ['forces.callup.declined', c3.id, true],
      ['forces.callup.unfilled', null, null],
    ]);
  });

  it('counts one acceptance of simultaneous accepts sent to two instances', async () => {
    const p = place();
    const team = await approvedTeam(w, 'twice', { filing: { base: p.at(1) } });
    const c = await order({ rallyPoint: p.rally, ackMinutes: 30 });
    await indexed(c.id, [team.id]);
    await w.as('duty', 'POST', `/api/forces/callups/${c.id}/dispatch`, {
      teams: [{ teamId: team.id }],
    });

    const second: Muster = await startMuster(
      w.env.config({ ...FAST_PASSWORDS, MUSTER_ROLES: 'api' }),
      { clock },
    );
    try {
      const path = `/api/forces/callups/${c.id}/teams/${team.id}/answer`;
      const body = { answer: 'accept', people: 8, memberIds: team.memberIds };
      const headers = w.headersOf('twice');
      const answers = await Promise.all([
        w.as('twice', 'POST', path, body),
        call(`http://127.0.0.1:${second.port}`, 'POST', path, { body, headers }),
        w.as('twice', 'POST', path, { ...body, people: 9 }),
        call(`http://127.0.0.1:${second.port}`, 'POST', path, { body, headers }),
      ]);
      expect(answers.map((x) => x.status)).toEqual([200, 200, 200, 200]);
      // Whichever came first counts; the others are told what counted.
      const rows = answers.map((x) => ZCallupBoardRow.parse(x.body));
      expect(new Set(rows.map((r) => `${r.status}/${r.people}/${r.answeredAt}`)).size).toBe(1);
      expect(rows[0]?.status).toBe('accepted');
    } finally {
      await second.stop();
    }
    const accepted = (await callupEvents(w, c.id)).filter(
      (e) => e.type === 'forces.callup.accepted',
    );
    expect(accepted).toHaveLength(1);
    const grants = await w.m.database.db.execute(
      sql`select 1 from access_grants where kind = 'deployment' and team_id = ${team.id}
            and incident_id = ${incident} and ended_at is null`,
    );
    expect(grants.length).toBe(1);
    const change = await w.as(
      'twice',
      'POST',
      `/api/forces/callups/${c.id}/teams/${team.id}/answer`,
      {
        answer: 'decline',
        reason: '改变主意 / changed our mind',
      },
    );
    expect(change.status).toBe(409);
    expect(errorCode(change)).toBe('forces.already_answered');
    expect((await board(c.id)).filled).toBe(true);
  });
});
