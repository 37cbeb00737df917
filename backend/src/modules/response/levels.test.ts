import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { ZIncident, ZPlan, ZPlanVersion, ZTaskList, type TTask } from '@muster/contracts';
import { accessGrants } from '../../platform/access/tables.ts';
import { errorCode } from '../../testing/http.ts';
import {
  buildActivation,
  buildIncident,
  startResponseWorld,
  type ResponseWorld,
} from '../../testing/response-world.ts';
import { DEMO_DEPARTMENTS, DEMO_FLOOD_PLAN, DEMO_PLAN_ID } from './index.ts';
import { responseLevelSteps, responsePlanVersions, responseTasks } from './tables.ts';

const INCIDENTS = '/api/response/incidents';
const paths = (body: unknown) =>
  ((body as { error?: { issues?: { path: string; message: string }[] } }).error?.issues ?? []).map(
    (i) => i.path,
  );
const tasksFor = (level: string) =>
  DEMO_FLOOD_PLAN.tasks.filter((t) => t.levels.includes(level as 'I'));

describe('response: levels, commanders and the departments’ tasks', () => {
  let w: ResponseWorld;
  beforeAll(async () => {
    w = await startResponseWorld({
      duty: { role: 'duty_officer' },
      commander: { role: 'commander' },
      commander2: { role: 'commander' },
      observer: { role: 'observer' },
      water: { role: 'department', departmentId: DEMO_DEPARTMENTS.water },
      police: { role: 'department', departmentId: DEMO_DEPARTMENTS.police },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  const open = async (o: Record<string, unknown> = {}) =>
    ZIncident.parse((await w.as('duty', 'POST', INCIDENTS, buildIncident(o))).body).id;
  const written = async (incidentId: string) => {
    const db = w.m.database.db;
    const [steps] = await db
      .select({ n: count() })
      .from(responseLevelSteps)
      .where(eq(responseLevelSteps.incidentId, incidentId));
    const [tasks] = await db
      .select({ n: count() })
      .from(responseTasks)
      .where(eq(responseTasks.incidentId, incidentId));
    const [g] = await db
      .select({ n: count() })
      .from(accessGrants)
      .where(eq(accessGrants.incidentId, incidentId));
    const events = (await w.eventsOf(incidentId)).filter((e) =>
      e.type.startsWith('response.level'),
    );
    return { steps: steps!.n, tasks: tasks!.n, grants: g!.n, events: events.length };
  };
  const nothing = { steps: 0, tasks: 0, grants: 0, events: 0 };

  it('refuses an activation without the art. 72 fields, naming each, and writes nothing', async () => {
    const id = await open();
    const res = await w.as('duty', 'POST', `${INCIDENTS}/${id}/activate`, {});
    expect(res.status).toBe(400);
    expect(paths(res.body).sort()).toEqual([
      'body.commanderAccountId',
      'body.expectedDurationHours',
      'body.level',
      'body.matters',
      'body.measures',
    ]);
    const text = JSON.stringify(res.body);
    for (const zh of ['响应事项', '响应级别', '预计期限', '应急处置措施'])
      expect(text).toContain(zh);
    expect(text).toContain('art. 72');
    const blank = await w.as('duty', 'POST', `${INCIDENTS}/${id}/activate`, {
      ...buildActivation(w.ids.get('commander')!),
      matters: '  ',
      measures: [],
    });
    expect(paths(blank.body).sort()).toEqual(['body.matters', 'body.measures']);
    // An observer is not a commander: refused after the checks, inside the transaction.
    const notCommander = await w.as(
      'duty',
      'POST',
      `${INCIDENTS}/${id}/activate`,
      buildActivation(w.ids.get('observer')!),
    );
    expect(errorCode(notCommander)).toBe('response.commander_invalid');
    expect(await written(id)).toEqual(nothing);
    const plainAccident = await open({ category: 'accident', subtype: 'traffic' });
    const noPlan = await w.as(
      'duty',
      'POST',
      `${INCIDENTS}/${plainAccident}/activate`,
      buildActivation(w.ids.get('commander')!),
    );
    expect(errorCode(noPlan)).toBe('response.no_plan');
    expect(await written(plainAccident)).toEqual(nothing);
    expect(ZIncident.parse((await w.as('duty', 'GET', `${INCIDENTS}/${id}`)).body).status).toBe(
      'reported',
    );
  });

  it('activation at IV creates the plan’s level IV tasks; escalation to I adds the rest; command moves with a grant', async () => {
    const id = await open();
    const commander = w.ids.get('commander')!;
    const act = ZIncident.parse(
      (await w.as('duty', 'POST', `${INCIDENTS}/${id}/activate`, buildActivation(commander))).body,
    );
    expect(act).toMatchObject({
      status: 'responding',
      level: 'IV',
      commanderAccountId: commander,
      expectedEndAt: '2026-07-01T12:00:00.000Z',
    });
    const ivTasks = ZTaskList.parse(
      (await w.as('observer', 'GET', `${INCIDENTS}/${id}/tasks`)).body,
    ).items;
    expect(ivTasks.map((t) => t.key).sort()).toEqual(
      tasksFor('IV')
        .map((t) => t.key)
        .sort(),
    );
    const hq = ivTasks.find((t) => t.key === 'hq-convene')!;
    expect(hq).toMatchObject({
      departmentId: DEMO_DEPARTMENTS.emergency,
      status: 'pending',
      level: 'IV',
      dueAt: '2026-07-01T00:30:00.000Z',
    });
    expect(hq.departmentName?.zh).toBe('区应急管理局');
    const grants = () =>
      w.m.database.db
        .select()
        .from(accessGrants)
        .where(and(eq(accessGrants.incidentId, id), eq(accessGrants.kind, 'command')));
    expect((await grants()).map((g) => [g.accountId, g.endedAt])).toEqual([[commander, null]]);
    const activated = (await w.eventsOf(id)).find((e) => e.type === 'response.level.activated');
    expect(activated?.data).toEqual({
      incidentId: id,
      level: 'IV',
      activatedAt: '2026-07-01T00:00:00.000Z',
      commanderAccountId: commander,
      expectedEndAt: '2026-07-01T12:00:00.000Z',
    });
    expect((await grants())[0]?.sourceEventId).toBe(activated?.id);

    // The commander escalates and hands over; the old grant ends, the new one starts.
    w.clock.advance(60_000);
    const second = w.ids.get('commander2')!;
    expect(
      errorCode(
        await w.as('commander', 'POST', `${INCIDENTS}/${id}/adjust`, {
          level: 'IV',
          reason: '维持',
        }),
      ),
    ).toBe('response.level_unchanged');
    const up = await w.as('commander', 'POST', `${INCIDENTS}/${id}/adjust`, {
      level: 'I',
      reason: '嘉陵江超保证水位，多个街道严重内涝',
      commanderAccountId: second,
    });
    expect(up.status).toBe(200);
    expect(ZIncident.parse(up.body)).toMatchObject({ level: 'I', commanderAccountId: second });
    expect((await grants()).map((g) => [g.accountId, g.endedAt === null])).toEqual([
      [commander, false],
      [second, true],
    ]);
    const all = ZTaskList.parse(
      (await w.as('observer', 'GET', `${INCIDENTS}/${id}/tasks`)).body,
    ).items;
    expect(all.map((t) => t.key).sort()).toEqual(
      tasksFor('I')
        .map((t) => t.key)
        .sort(),
    );
    expect(all.find((t) => t.key === 'hq-convene')?.level).toBe('IV');
    expect(all.find((t) => t.key === 'city-support')).toMatchObject({
      level: 'I',
      dueAt: '2026-07-01T02:01:00.000Z',
    });
    // The first commander commands no more.
    expect(
      errorCode(
        await w.as('commander', 'POST', `${INCIDENTS}/${id}/adjust`, {
          level: 'II',
          reason: '回落',
        }),
      ),
    ).toBe('response.not_commanding');
    const down = await w.as('commander2', 'POST', `${INCIDENTS}/${id}/adjust`, {
      level: 'III',
      reason: '水位回落',
    });
    expect(ZIncident.parse(down.body).level).toBe('III');
    expect((await w.as('observer', 'GET', `${INCIDENTS}/${id}/levels`)).body).toMatchObject({
      items: [
        { action: 'activated', from: null, to: 'IV' },
        { action: 'adjusted', from: 'IV', to: 'I', reason: '嘉陵江超保证水位，多个街道严重内涝' },
        { action: 'adjusted', from: 'I', to: 'III' },
      ],
    });
    const types = (await w.eventsOf(id))
      .map((e) => e.type)
      .filter((t) => t.startsWith('response.level'));
    expect(types).toEqual([
      'response.level.activated',
      'response.level.adjusted',
      'response.level.adjusted',
    ]);

    // Departments update their own tasks only.
    const mine = all.find((t) => t.departmentId === DEMO_DEPARTMENTS.water) as TTask;
    const theirs = all.find((t) => t.departmentId === DEMO_DEPARTMENTS.police) as TTask;
    const done = await w.as('water', 'PATCH', `/api/response/tasks/${mine.id}`, {
      status: 'done',
      notes: '嘉陵江北碚站每小时报送',
    });
    expect(done.body).toMatchObject({
      status: 'done',
      notes: '嘉陵江北碚站每小时报送',
      updatedBy: w.ids.get('water'),
    });
    expect(
      errorCode(
        await w.as('water', 'PATCH', `/api/response/tasks/${theirs.id}`, { status: 'done' }),
      ),
    ).toBe('response.not_your_task');
    expect((await w.as('water', 'PATCH', `/api/response/tasks/${mine.id}`, {})).status).toBe(400);
    expect(
      (await w.eventsOf(id)).filter((e) => e.type === 'response.task.updated').map((e) => e.data),
    ).toEqual([
      {
        incidentId: id,
        taskId: mine.id,
        departmentId: DEMO_DEPARTMENTS.water,
        status: 'done',
        phase: 'response',
      },
    ]);

    // Termination ends the command grant.
    expect(
      (await w.as('commander2', 'POST', `${INCIDENTS}/${id}/terminate`, { reason: '险情解除' }))
        .status,
    ).toBe(200);
    expect(
      (
        await w.m.database.db
          .select()
          .from(accessGrants)
          .where(and(eq(accessGrants.incidentId, id), isNull(accessGrants.endedAt)))
      ).length,
    ).toBe(0);
  });

  it('plans are versioned: a revision cites what prompted it and never changes the version before', async () => {
    const before = ZPlan.parse(
      (await w.as('observer', 'GET', `/api/response/plans/${DEMO_PLAN_ID}`)).body,
    );
    expect(before).toMatchObject({ latestVersion: 1, category: 'natural_disaster' });
    const v1 = ZPlanVersion.parse(
      (await w.as('observer', 'GET', `/api/response/plans/${DEMO_PLAN_ID}/versions/1`)).body,
    );
    const drillRunId = '0190a5c0-0000-7000-8000-0000000000d2';
    const revised = {
      ...DEMO_FLOOD_PLAN,
      tasks: DEMO_FLOOD_PLAN.tasks.map((t) =>
        t.key === 'evacuate' ? { ...t, dueMinutes: 30 } : t,
      ),
    };
    const res = await w.as('duty', 'POST', `/api/response/plans/${DEMO_PLAN_ID}/versions`, {
      plan: revised,
      reason: '演练发现群众转移启动偏慢，时限由 60 分钟缩短为 30 分钟',
      promptedBy: { kind: 'drill_run', id: drillRunId },
    });
    expect(res.status).toBe(201);
    const v2 = ZPlanVersion.parse(res.body);
    expect(v2).toMatchObject({ version: 2, promptedBy: { kind: 'drill_run', id: drillRunId } });
    const again = ZPlanVersion.parse(
      (await w.as('observer', 'GET', `/api/response/plans/${DEMO_PLAN_ID}/versions/1`)).body,
    );
    expect(again).toEqual(v1);
    expect(again.body.tasks.find((t) => t.key === 'evacuate')?.dueMinutes).toBe(60);
    // A version number no column can hold is refused as a bad path, not a database error.
    const huge = await w.as(
      'observer',
      'GET',
      `/api/response/plans/${DEMO_PLAN_ID}/versions/${Number.MAX_SAFE_INTEGER}`,
    );
    expect(huge.status).toBe(400);
    expect(JSON.stringify(huge.body)).toContain('params.version');
    expect(
      (await w.as('observer', 'GET', `/api/response/plans/${DEMO_PLAN_ID}/versions/2147483647`))
        .status,
    ).toBe(404);
    await expect(
      w.m.database.db
        .update(responsePlanVersions)
        .set({ reason: 'x' })
        .where(eq(responsePlanVersions.id, v1.id)),
    ).rejects.toThrow();
    const wrong = await w.as('duty', 'POST', `/api/response/plans/${DEMO_PLAN_ID}/versions`, {
      plan: { ...revised, category: 'accident', subtypes: ['traffic'] },
      reason: '改类别',
    });
    expect(errorCode(wrong)).toBe('response.plan_category_fixed');
    // A new activation follows the newest version.
    const id = await open();
    await w.as(
      'duty',
      'POST',
      `${INCIDENTS}/${id}/activate`,
      buildActivation(w.ids.get('commander')!),
    );
    const inc = ZIncident.parse((await w.as('duty', 'GET', `${INCIDENTS}/${id}`)).body);
    expect(inc.planVersionId).toBe(v2.id);
    const evac = ZTaskList.parse(
      (
        await w.as(
          'duty',
          'GET',
          `${INCIDENTS}/${id}/tasks?departmentId=${DEMO_DEPARTMENTS.streets}`,
        )
      ).body,
    ).items;
    expect(evac.find((t) => t.key === 'evacuate')?.dueAt).toBe(
      new Date(Date.parse(inc.activatedAt!) + 30 * 60_000).toISOString(),
    );
  });
});
