import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { TTeam, TTrainingSession } from '@muster/contracts';
import { errorCode } from '../../testing/http.ts';
import { movableClock } from '../../testing/clock.ts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { TEAMS, approvedTeam, eventually, issuePaths } from '../../testing/forces-registry.ts';
import { newId } from '../../platform/ids.ts';
import { forcesServiceHours } from './tables.ts';

type Hours = { totals: { training: number; drill: number; deployment: number; total: number } };

describe('forces registry: training, joint drills, readiness and service hours', () => {
  const clock = movableClock(new Date('2026-06-30T02:00:00Z'));
  let w: ForcesWorld;
  let team: TTeam;
  let memberIds: string[];
  beforeAll(async () => {
    w = await startForcesWorld(
      { leader: { role: 'team_leader' }, duty: { role: 'duty_officer' }, admin: { role: 'admin' } },
      { clock },
    );
    const cert = [{ name: '救护员证', number: 'RC-1', expiresOn: '2030-01-01' }];
    const made = await approvedTeam(w, 'leader', {
      filing: {
        insurance: [
          { insurer: '人保', number: 'P1', validFrom: '2026-01-01', validTo: '2026-12-31' },
        ],
      },
      members: [{ certificates: cert }, { certificates: cert }],
    });
    team = made.team;
    memberIds = made.members.map((m) => m.id);
  });
  afterAll(async () => {
    await w?.stop();
  });
  const session = (b: object) => w.as('leader', 'POST', `${TEAMS}/${team.id}/training`, b);

  it('refuses bad sessions and attendance with 400s naming the field', async () => {
    const noPartner = await session({
      heldOn: '2026-06-01',
      kind: 'joint_drill',
      subject: '水域',
      hours: 4,
    });
    expect(issuePaths(noPartner.body)).toEqual(['body.partner']);
    const bad = await session({ heldOn: '2026-02-30', kind: 'drill', subject: 'x', hours: 0.1 });
    expect(issuePaths(bad.body)).toEqual(
      expect.arrayContaining(['body.heldOn', 'body.kind', 'body.subject', 'body.hours']),
    );
    const future = await session({
      heldOn: '2026-07-01',
      kind: 'training',
      subject: '绳索',
      hours: 2,
    });
    expect(issuePaths(future.body)).toEqual(['body.heldOn']);
    const ok = (
      await session({ heldOn: '2026-06-01', kind: 'training', subject: '绳索', hours: 2 })
    ).body as TTrainingSession;
    const att = `/api/forces/training/${ok.id}/attendance`;
    const dup = await w.as('leader', 'PUT', att, {
      attendance: [{ memberId: memberIds[0] }, { memberId: memberIds[0] }],
    });
    expect(issuePaths(dup.body)).toEqual(['body.attendance']);
    const long = await w.as('leader', 'PUT', att, {
      attendance: [{ memberId: memberIds[0], hours: 3 }],
    });
    expect(issuePaths(long.body)).toEqual(['body.attendance.0.hours']);
    const stranger = await w.as('leader', 'PUT', att, { attendance: [{ memberId: newId() }] });
    expect(errorCode(stranger)).toBe('forces.attendee_not_member');
    // The leader never scores their own team.
    expect(
      errorCode(
        await w.as('leader', 'PUT', `/api/forces/training/${ok.id}/evaluation`, { score: 90 }),
      ),
    ).toBe('auth.forbidden');
  });

  it('moves the readiness grade with joint drills, attendance and scores, evented in the same step', async () => {
    const before = (await w.as('duty', 'GET', `${TEAMS}/${team.id}/readiness`)).body as {
      grade: string;
    };
    expect(before.grade).toBe('C');
    const drills: TTrainingSession[] = [];
    for (const heldOn of ['2026-02-10', '2026-05-20']) {
      const r = await session({
        heldOn,
        kind: 'joint_drill',
        partner: '北碚区消防救援支队',
        subject: '洪涝联合处置',
        hours: 6,
      });
      expect(r.status).toBe(201);
      drills.push(r.body as TTrainingSession);
    }
    const attend = (id: string) =>
      w.as('leader', 'PUT', `/api/forces/training/${id}/attendance`, {
        attendance: memberIds.map((memberId) => ({ memberId })),
      });
    expect((await attend(drills[0]!.id)).status).toBe(200);
    // The unattended training session of the first test counts too: a third present, still C.
    expect((await w.as('duty', 'GET', `${TEAMS}/${team.id}`)).body).toMatchObject({
      readiness: 'C',
    });
    await attend(drills[1]!.id);
    // Two drills, two thirds present, nothing scored: B.
    expect((await w.as('duty', 'GET', `${TEAMS}/${team.id}`)).body).toMatchObject({
      readiness: 'B',
    });
    for (const d of drills) {
      const scored = await w.as('duty', 'PUT', `/api/forces/training/${d.id}/evaluation`, {
        score: 88,
      });
      expect(scored.status).toBe(200);
    }
    // Scored well, but 67 % attendance is under A's 70 %.
    expect((await w.as('duty', 'GET', `${TEAMS}/${team.id}`)).body).toMatchObject({
      readiness: 'B',
    });
    const list = (await w.as('leader', 'GET', `${TEAMS}/${team.id}/training?limit=1`)).body as {
      items: TTrainingSession[];
      nextCursor: string;
    };
    expect(list.items[0]?.kind).toBe('training');
    const rest = (
      await w.as('leader', 'GET', `${TEAMS}/${team.id}/training?cursor=${list.nextCursor}`)
    ).body as { items: TTrainingSession[] };
    expect(rest.items.map((x) => x.heldOn)).toEqual(['2026-05-20', '2026-02-10']);
    await attend(list.items[0]!.id);
    const graded = (await w.as('duty', 'GET', `${TEAMS}/${team.id}/readiness`)).body as {
      grade: string;
      facts: object;
    };
    expect(graded).toMatchObject({ grade: 'A', facts: { jointDrills: 2, averageScore: 88 } });
    const changes = (await w.eventsOf(team.id))
      .filter((e) => e.type === 'forces.team.readiness_changed')
      .map((e) => e.data);
    expect(changes).toEqual([
      { teamId: team.id, from: 'C', to: 'B' },
      { teamId: team.id, from: 'B', to: 'A' },
    ]);
    // Attendance written again moves hours rather than adding them.
    await attend(drills[1]!.id);
    const hours = (await w.as('leader', 'GET', `${TEAMS}/${team.id}/hours`)).body as Hours;
    expect(hours.totals).toMatchObject({ drill: 24, training: 4, deployment: 0 });

    // Time alone moves the grade: once May's drill is older than 6 months, A is out of reach.
    clock.advance(180 * 86_400_000);
    await w.relogin('leader', 'duty', 'admin');
    await w.m.sweeps.runNow();
    expect((await w.as('duty', 'GET', `${TEAMS}/${team.id}`)).body).toMatchObject({
      readiness: 'B',
    });
    const last = (await w.eventsOf(team.id))
      .filter((e) => e.type === 'forces.team.readiness_changed')
      .at(-1);
    expect(last).toMatchObject({ actor: 'system', data: { from: 'A', to: 'B' } });
  });

  it('credits deployment hours from a stand-down once, however often it is announced', async () => {
    const callupId = newId();
    const incidentId = newId();
    const standDown = {
      type: 'forces.callup.stood_down' as const,
      actor: 'system',
      incidentId,
      data: {
        callupId,
        incidentId,
        teamId: team.id,
        deployedAt: '2026-12-20T01:00:00Z',
        stoodDownAt: '2026-12-20T09:30:00Z',
        people: [
          { memberId: memberIds[0]!, hours: 8.5 },
          { memberId: memberIds[1]!, hours: 8 },
          { memberId: newId(), hours: 5 },
        ],
        equipment: [],
        expenses: [],
        terms: { personHourFen: 5000, equipmentHourFen: [], expensesReimbursed: false },
      },
    };
    // The same stand-down announced twice (two events), e.g. a command sent from two instances.
    await w.m.database.db.transaction((tx) => w.m.outbox.append(tx, [standDown, standDown]));
    const rows = () =>
      w.m.database.db
        .select()
        .from(forcesServiceHours)
        .where(eq(forcesServiceHours.callupId, callupId));
    await eventually(async () => ((await rows()).length >= 2 ? true : undefined));
    // Wait until the consumer has seen both events before counting.
    await eventually(async () => {
      const r = await w.m.database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from consumed_events where consumer like ${'forces__hours-on-stood-down%'}`,
      );
      return (r[0]?.n ?? 0) >= 2 ? true : undefined;
    });
    expect((await rows()).map((r) => r.minutes).sort()).toEqual([480, 510]);
    const hours = (await w.as('admin', 'GET', `${TEAMS}/${team.id}/hours`)).body as Hours & {
      members: { memberId: string; totals: Hours['totals'] }[];
    };
    expect(hours.totals.deployment).toBe(16.5);
    expect(hours.members.find((m) => m.memberId === memberIds[0])?.totals.deployment).toBe(8.5);
  });
});
