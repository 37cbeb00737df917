import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { ZIncident, ZIncidentList, ZTimeline, type TIncident } from '@muster/contracts';
import { outbox } from '../../platform/db/tables.ts';
import { errorCode } from '../../testing/http.ts';
import {
  buildIncident,
  startResponseWorld,
  type ResponseWorld,
} from '../../testing/response-world.ts';
import { readIncidentMapItems } from './index.ts';
import { responseIncidents, responsePeople } from './tables.ts';

const INCIDENTS = '/api/response/incidents';
const paths = (body: unknown) =>
  ((body as { error?: { issues?: { path: string }[] } }).error?.issues ?? []).map((i) => i.path);

describe('response: incidents and grading', () => {
  let w: ResponseWorld;
  beforeAll(async () => {
    w = await startResponseWorld({
      duty: { role: 'duty_officer' },
      admin: { role: 'admin' },
      observer: { role: 'observer' },
      leader: { role: 'team_leader' },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  const incidentsNow = async () =>
    (await w.m.database.db.select({ n: count() }).from(responseIncidents))[0]!.n;

  it('refuses bad input with 400 naming each field, and writes nothing', async () => {
    const before = await incidentsNow();
    const bad = await w.as('duty', 'POST', INCIDENTS, {
      ...buildIncident(),
      subtype: 'tsunami',
      source: 'warning',
      awareAt: 'yesterday',
      areaCodes: [],
      location: undefined,
      drillRunId: '0190a5c0-0000-7000-8000-000000000001',
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('request.invalid');
    expect(paths(bad.body)).toEqual(
      expect.arrayContaining([
        'body.awareAt',
        'body.subtype',
        'body.warningId',
        'body.areaCodes',
        'body.drillRunId',
      ]),
    );
    const future = await w.as(
      'duty',
      'POST',
      INCIDENTS,
      buildIncident({ awareAt: '2026-07-01T01:00:00Z' }),
    );
    expect(paths(future.body)).toEqual(['body.awareAt']);
    const unknownArea = await w.as(
      'duty',
      'POST',
      INCIDENTS,
      buildIncident({ areaCodes: ['500109001', '500109999'] }),
    );
    expect(unknownArea.status).toBe(400);
    expect(paths(unknownArea.body)).toEqual(['body.areaCodes.1']);
    expect(await incidentsNow()).toBe(before);
    expect((await w.as('observer', 'POST', INCIDENTS, buildIncident())).status).toBe(403);
    expect((await w.as('public', 'GET', INCIDENTS)).status).toBe(401);
  });

  it('opens an incident with its initial report due an hour after awareness, evented and on the timeline', async () => {
    const res = await w.as(
      'duty',
      'POST',
      INCIDENTS,
      buildIncident({
        reporter: { name: '王大妈', phone: '13912345678' },
        sourceDetail: '12345 热线',
      }),
    );
    expect(res.status).toBe(201);
    const inc = ZIncident.parse(res.body);
    expect(inc).toMatchObject({ status: 'reported', grade: null, level: null, exercise: false });
    expect(inc.deadlines).toEqual([
      expect.objectContaining({
        kind: 'initial',
        sequence: 1,
        dueAt: '2026-07-01T00:30:00.000Z',
        status: 'pending',
        secondsLeft: 1800,
      }),
    ]);
    expect(inc.reporter).toEqual({ name: '王大妈', phone: '13912345678' });
    const [ev] = await w.eventsOf(inc.id);
    expect(ev).toMatchObject({
      type: 'response.incident.reported',
      exercise: false,
      incidentId: inc.id,
    });
    expect(JSON.stringify(ev)).not.toContain('13912345678');
    expect(JSON.stringify(ev)).not.toContain('王大妈');
    const tl = ZTimeline.parse(
      (await w.as('observer', 'GET', `${INCIDENTS}/${inc.id}/timeline`)).body,
    );
    expect(tl.items.map((l) => l.kind)).toEqual(['incident.reported']);
    // Observers read incidents but never the person who reported one.
    const seen = ZIncident.parse((await w.as('observer', 'GET', `${INCIDENTS}/${inc.id}`)).body);
    expect(seen.reporter).toEqual({});
    expect((await w.as('leader', 'GET', `${INCIDENTS}/${inc.id}`)).body).toMatchObject({
      reporter: {},
    });
  });

  it('grades from the criteria; another grade needs a reason; re-timing follows the grade', async () => {
    const inc = ZIncident.parse((await w.as('duty', 'POST', INCIDENTS, buildIncident())).body);
    const criteria = { deaths: 3, missing: 0, injuries: 0, affected: 200, directLossFen: 0 };
    const unreasoned = await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/grade`, {
      grade: 'IV',
      criteria,
    });
    expect(unreasoned.status).toBe(400);
    expect(paths(unreasoned.body)).toEqual(['body.reason']);
    expect(JSON.stringify(unreasoned.body)).toContain('III');
    const graded = ZIncident.parse(
      (await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/grade`, { grade: 'III', criteria })).body,
    );
    expect(graded.grade).toBe('III');
    expect(graded.suggestion).toMatchObject({
      grade: 'III',
      reasons: [{ metric: 'deaths', value: 3, threshold: 3 }],
    });
    const events = await w.eventsOf(inc.id);
    expect(events.at(-1)).toMatchObject({
      type: 'response.incident.graded',
      data: { incidentId: inc.id, grade: 'III', previousGrade: null },
    });
    // A stricter rule for grade III initial reports: deadlines not yet due are timed again.
    expect(
      (
        await w.as('admin', 'PUT', '/api/response/rules/reporting', {
          category: 'natural_disaster',
          grade: 'III',
          initialMinutes: 40,
          followUpHours: 3,
          finalDays: 10,
        })
      ).status,
    ).toBe(200);
    const reGraded = ZIncident.parse(
      (await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/grade`, { grade: 'III', criteria })).body,
    );
    expect(reGraded.deadlines[0]?.dueAt).toBe('2026-07-01T00:10:00.000Z');
    const suggest = await w.as('observer', 'POST', '/api/response/grading/suggest', {
      category: 'natural_disaster',
      subtype: 'flood',
      criteria: { affected: 10_000 },
    });
    expect(suggest.body).toMatchObject({ grade: 'II', reasons: [{ metric: 'affected' }] });
    // A subtype no rule can have (a NUL byte) is refused naming it, not a database error.
    const nul = await w.as('observer', 'POST', '/api/response/grading/suggest', {
      category: 'natural_disaster',
      subtype: '\u0000',
      criteria: { affected: 10 },
    });
    expect(nul.status).toBe(400);
    expect(JSON.stringify(nul.body)).toContain('body.subtype');
    const rule = {
      category: '*',
      grade: 'IV',
      initialMinutes: 60,
      followUpHours: 12,
      finalDays: 7,
    };
    expect((await w.as('duty', 'PUT', '/api/response/rules/reporting', rule)).status).toBe(403);
  });

  it('lists newest first with a cursor, filters drills, and shows exercise incidents with their drill run', async () => {
    const drillRunId = '0190a5c0-0000-7000-8000-0000000000d1';
    const drill = ZIncident.parse(
      (
        await w.as(
          'duty',
          'POST',
          INCIDENTS,
          buildIncident({ exercise: true, drillRunId, title: '演练：嘉陵江洪水' }),
        )
      ).body,
    );
    expect(drill).toMatchObject({ exercise: true, drillRunId });
    const [ev] = await w.eventsOf(drill.id);
    expect(ev).toMatchObject({ exercise: true, drillRunId });
    const first = ZIncidentList.parse((await w.as('observer', 'GET', `${INCIDENTS}?limit=1`)).body);
    expect(first.items[0]?.id).toBe(drill.id);
    const second = ZIncidentList.parse(
      (await w.as('observer', 'GET', `${INCIDENTS}?limit=1&cursor=${first.nextCursor}`)).body,
    );
    expect(second.items[0]!.id < drill.id).toBe(true);
    const real = ZIncidentList.parse(
      (await w.as('observer', 'GET', `${INCIDENTS}?exercise=false&limit=200`)).body,
    );
    expect(real.items.every((i) => !i.exercise)).toBe(true);
    expect(real.items.find((i) => i.id === first.items[0]!.id)).toBeUndefined();
    expect(real.items[0]?.nextDueAt).toMatch(/^2026-07-01T00:/);

    const layer = await readIncidentMapItems(w.m.database.db, { incidentId: drill.id });
    expect(layer.items[0]?.data?.badges).toEqual([
      { kind: 'exercise', zh: '演练', en: 'Exercise' },
    ]);
    const map = (await w.as('leader', 'GET', '/api/response/map')).body as {
      items: { id: string }[];
    };
    expect(map.items.map((i) => i.id)).toContain(drill.id);
  });

  it('names the incident that does not exist', async () => {
    const missing = '0190a5c0-0000-7000-8000-00000000dead';
    const res = await w.as('duty', 'GET', `${INCIDENTS}/${missing}`);
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('response.incident_not_found');
    const noTimeline = await w.as('duty', 'GET', `${INCIDENTS}/${missing}/timeline`);
    expect(errorCode(noTimeline)).toBe('response.incident_not_found');
    expect(
      (
        await w.m.database.db
          .select({ n: count() })
          .from(outbox)
          .where(eq(outbox.type, 'response.incident.graded'))
      )[0]!.n,
    ).toBeGreaterThan(0);
    const people = await w.m.database.db.select().from(responsePeople);
    expect(people.map((p) => p.role)).toEqual(['reporter']);
  });

  it('pages through a timeline in time order with a cursor', async () => {
    const inc = ZIncident.parse((await w.as('duty', 'POST', INCIDENTS, buildIncident())).body);
    const criteria = { deaths: 0, missing: 0, injuries: 0, affected: 0, directLossFen: 0 };
    for (const grade of ['IV', 'III']) {
      w.clock.advance(1_000);
      await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/grade`, {
        grade,
        criteria,
        reason: '研判',
      });
    }
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = ZTimeline.parse(
        (await w.as('observer', 'GET', `${INCIDENTS}/${inc.id}/timeline?limit=2${q}`)).body,
      );
      seen.push(...page.items.map((l) => `${l.kind}:${String(l.data.grade ?? '')}`));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['incident.reported:', 'incident.graded:IV', 'incident.graded:III']);
    const bad = await w.as('observer', 'GET', `${INCIDENTS}/${inc.id}/timeline?cursor=yesterday`);
    expect(paths(bad.body)).toEqual(['query.cursor']);
  });

  it('the incident view is the contract (types endpoint too)', async () => {
    const types = (await w.as('public', 'GET', '/api/response/incident-types')).body as {
      categories: { code: string; subtypes: { code: string }[] }[];
    };
    expect(types.categories.map((c) => c.code)).toEqual([
      'natural_disaster',
      'accident',
      'public_health',
      'social_security',
    ]);
    expect(types.categories[0]!.subtypes.map((s) => s.code)).toContain('urban_waterlogging');
    const list = ZIncidentList.parse(
      (await w.as('duty', 'GET', `${INCIDENTS}?status=reported`)).body,
    );
    expect(list.items.length).toBeGreaterThan(0);
    const one: TIncident = ZIncident.parse(
      (await w.as('duty', 'GET', `${INCIDENTS}/${list.items[0]!.id}`)).body,
    );
    expect(one.asOf).toBe(w.clock.now().toISOString());
  });
});
