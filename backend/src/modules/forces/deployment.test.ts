import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ZCallup, ZMyCallupList, type TCallup, type TCallupRequest } from '@muster/contracts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { movableClock } from '../../testing/clock.ts';
import { errorCode } from '../../testing/http.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  approvedTeam,
  places,
  buildCallup,
  callupEvents,
  closeIncident,
  reportIncident,
  type ApprovedTeam,
} from '../../testing/callups.ts';
import { callupBoardItem, type CallupBoardEvent } from './callup-board.ts';

const clock = movableClock();
const HOUR = 3_600_000;
const place = places();

describe('deployment: board per role, check-in, status, stand-down, the portal, closure', () => {
  let w: ForcesWorld;
  let incident: string;

  beforeAll(async () => {
    w = await startForcesWorld(
      {
        duty: { role: 'duty_officer' },
        commander: { role: 'commander' },
        other: { role: 'commander' },
        observer: { role: 'observer' },
        department: { role: 'department' },
        admin: { role: 'admin' },
      },
      // Hours pass on the clock here: sessions must outlive them.
      { clock, config: { SWEEP_EVERY_MS: '60000', SESSION_IDLE_MINUTES: '1440' } },
    );
    incident = await reportIncident(w, { commander: 'commander' });
  });
  afterAll(async () => {
    await w?.stop();
  });

  /** An order for the incident with the teams alerted, once the index has them. */
  async function alerted(
    teams: ApprovedTeam[],
    o: Partial<TCallupRequest> & { incidentId?: string } = {},
  ): Promise<TCallup> {
    const res = await w.as('duty', 'POST', '/api/forces/callups', {
      ...buildCallup(o.incidentId ?? incident, { ackMinutes: 60, ...o }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = (res.body as { id: string }).id;
    return waitFor('the teams to be dispatched', async () => {
      const d = await w.as('duty', 'POST', `/api/forces/callups/${id}/dispatch`, {
        teams: teams.map((t) => ({ teamId: t.id })),
      });
      return d.status === 200 ? ZCallup.parse(d.body) : undefined;
    });
  }
  const boardAs = async (who: string, id: string) => {
    const res = await w.as(who, 'GET', `/api/forces/callups/${id}`);
    expect(res.status).toBe(200);
    return ZCallup.parse(res.body);
  };
  const act = (who: string, c: string, t: string, what: string, body: unknown = {}) =>
    w.as(who, 'POST', `/api/forces/callups/${c}/teams/${t}/${what}`, body);

  it('shows the leader’s contact whole to the commander only while the team is deployed to their incident', async () => {
    const p = place();
    const team = await approvedTeam(w, 'lead1', { filing: { base: p.at(1) } });
    const c = await alerted([team], { rallyPoint: p.rally });
    const phone = async (who: string) => (await boardAs(who, c.id)).board[0]?.leader.phone;
    // Alerted, not yet deployed: contacts masked for the commander too.
    expect(await phone('commander')).toMatch(/^\d{3}\*+\d{4}$/);
    expect(
      (await act('lead1', c.id, team.id, 'answer', { answer: 'accept', people: 4 })).status,
    ).toBe(200);
    const whole = await phone('commander');
    expect(whole).toMatch(/^1\d{10}$/);
    expect(await phone('duty')).toBe(whole);
    expect(await phone('admin')).toBe(whole);
    expect(await phone('other')).toMatch(/^\d{3}\*+\d{4}$/);
    const seen = await boardAs('observer', c.id);
    expect(seen.board[0]?.leader).toEqual({});
    expect((await boardAs('department', c.id)).board[0]?.leader).toEqual({});
    expect((await w.as('lead1', 'GET', `/api/forces/callups/${c.id}`)).status).toBe(403);
    // Stood down: the grant ends, and with it the commander's view.
    expect((await act('commander', c.id, team.id, 'stand-down', { people: [] })).status).toBe(200);
    expect(await phone('commander')).toMatch(/^\d{3}\*+\d{4}$/);
  });

  it('checks in, changes status in order, and stands down with hours per member', async () => {
    const p = place();
    const team = await approvedTeam(w, 'lead2', {
      filing: { base: p.at(1) },
      members: [{}, {}, {}],
    });
    await w.addAccount('member2', { role: 'team_member', teamId: team.id });
    const c = await alerted([team], { rallyPoint: p.rally });
    const going = team.memberIds.slice(0, 2);
    await act('lead2', c.id, team.id, 'answer', { answer: 'accept', people: 2, memberIds: going });
    expect((await act('lead2', c.id, team.id, 'status', { status: 'en_route' })).status).toBe(200);
    // Working before checking in is refused: reaching the scene is a check-in.
    const early = await act('lead2', c.id, team.id, 'status', { status: 'working' });
    expect(errorCode(early)).toBe('forces.deployment_transition');
    clock.advance(HOUR / 2);
    const inRow = await act('member2', c.id, team.id, 'check-in', {});
    expect(inRow.status).toBe(200);
    expect(inRow.body).toMatchObject({ deployment: 'on_scene', memberIds: going });
    // A member does not set the team's status; the leader does.
    expect((await act('member2', c.id, team.id, 'status', { status: 'working' })).status).toBe(403);
    expect((await act('lead2', c.id, team.id, 'status', { status: 'working' })).status).toBe(200);
    expect(errorCode(await act('lead2', c.id, team.id, 'status', { status: 'en_route' }))).toBe(
      'forces.deployment_transition',
    );

    clock.advance(2 * HOUR);
    const foreign = await act('commander', c.id, team.id, 'stand-down', {
      people: [{ memberId: randomUUID(), hours: 2 }],
    });
    expect(foreign.status).toBe(400);
    expect((foreign.body as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe(
      'body.people.0.memberId',
    );
    const down = await act('commander', c.id, team.id, 'stand-down', {
      equipment: [{ kind: '冲锋舟', count: 2, hours: 1.5 }],
      expenses: [{ description: '燃油 / fuel', fen: 32_050 }],
    });
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ status: 'stood_down', deployment: null });
    await act('commander', c.id, team.id, 'stand-down', {});
    const types = (await callupEvents(w, c.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'forces.callup.stood_down')).toHaveLength(1);
    const stood = (await callupEvents(w, c.id)).find((e) => e.type === 'forces.callup.stood_down');
    expect(stood?.data).toMatchObject({
      teamId: team.id,
      people: going.map((memberId) => ({ memberId, hours: 2 })),
      equipment: [{ kind: '冲锋舟', count: 2, hours: 1.5 }],
      expenses: [{ description: '燃油 / fuel', fen: 32_050 }],
      terms: { personHourFen: 5_000 },
    });
    expect(types).toEqual([
      'forces.callup.requested',
      'forces.callup.alerted',
      'forces.callup.accepted',
      'forces.callup.filled',
      'forces.deployment.status_changed',
      'forces.deployment.status_changed',
      'forces.team.checked_in',
      'forces.deployment.status_changed',
      'forces.callup.stood_down',
    ]);

    // The live board, derived from the events alone, ends where the REST board does.
    const events = (await callupEvents(w, c.id)).filter((e) =>
      [
        'forces.callup.alerted',
        'forces.callup.accepted',
        'forces.team.checked_in',
        'forces.deployment.status_changed',
        'forces.callup.stood_down',
      ].includes(e.type),
    ) as unknown as CallupBoardEvent[];
    let held;
    for (const e of events) held = callupBoardItem(e, held).item.data;
    expect(held).toMatchObject({ teamId: team.id, status: 'stood_down', deployment: null });
  });

  it('lists a team’s own call-ups in its portal, exercise ones marked 演练', async () => {
    const p = place();
    const drill = await reportIncident(w, {
      commander: 'commander',
      exercise: true,
      drillRunId: randomUUID(),
    });
    const team = await approvedTeam(w, 'lead3', { filing: { base: p.at(1) } });
    const bystander = await approvedTeam(w, 'lead4', { filing: { base: p.at(30) } });
    const c = await alerted([team], { rallyPoint: p.rally, incidentId: drill });
    const mine = ZMyCallupList.parse(
      (await w.as('lead3', 'GET', '/api/forces/my/callups?state=waiting')).body,
    );
    expect(mine.waiting).toBe(1);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      label: '演练',
      awaitingAnswer: true,
      callup: { id: c.id, exercise: true },
      row: { teamId: team.id, status: 'alerted' },
    });
    expect(mine.items[0]?.callup.task).toContain('转移');
    const none = ZMyCallupList.parse(
      (await w.as(bystander.leader, 'GET', '/api/forces/my/callups')).body,
    );
    expect(none).toEqual({ items: [], nextCursor: null, waiting: 0 });
    expect((await w.as('duty', 'GET', '/api/forces/my/callups')).status).toBe(403);
    const events = await callupEvents(w, c.id);
    expect(events.every((e) => e.exercise && e.drillRunId)).toBe(true);
  });

  it('closes the incident’s call-ups when it closes: alerts withdrawn, deployed teams stood down', async () => {
    const p = place();
    const closing = await reportIncident(w, { commander: 'commander' });
    const x = await approvedTeam(w, 'leadX', { filing: { base: p.at(1) } });
    const y = await approvedTeam(w, 'leadY', { filing: { base: p.at(2) } });
    const c = await alerted([x, y], {
      rallyPoint: p.rally,
      incidentId: closing,
      needs: [{ capability: 'water_rescue', count: 2 }],
    });
    await act('leadX', c.id, x.id, 'answer', {
      answer: 'accept',
      people: 3,
      memberIds: x.memberIds,
    });
    clock.advance(HOUR);
    await closeIncident(w, closing);
    const after = await waitFor('the call-up to close', async () => {
      const b = await boardAs('duty', c.id);
      return b.status === 'closed' ? b : undefined;
    });
    expect(after.board.map((r) => [r.teamId, r.status])).toEqual([
      [x.id, 'stood_down'],
      [y.id, 'withdrawn'],
    ]);
    const stood = (await callupEvents(w, c.id)).find((e) => e.type === 'forces.callup.stood_down');
    expect(stood).toMatchObject({
      actor: 'system',
      data: { people: [{ memberId: x.memberIds[0] }] },
    });
    expect(
      errorCode(await act('leadY', c.id, y.id, 'answer', { answer: 'accept', people: 1 })),
    ).toBe('forces.callup_closed');
    const live = await w.m.database.db.execute(
      sql`select 1 from access_grants where incident_id = ${closing} and ended_at is null`,
    );
    expect(live.length).toBe(0);
  });
});
