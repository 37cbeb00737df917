import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZForcesIncidentList, type TForcesIncident } from '@muster/contracts';
import type { EventDraft } from '../../platform/bus/outbox.ts';
import type { AppRegistry } from '@muster/contracts';
import { newId } from '../../platform/ids.ts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { waitFor } from '../../testing/processes.ts';

describe('the incident read model from the response events', () => {
  let w: ForcesWorld;

  beforeAll(async () => {
    w = await startForcesWorld({ duty: { role: 'duty_officer' }, leader: { role: 'team_leader' } });
  });
  afterAll(async () => {
    await w?.stop();
  });

  const send = (...drafts: EventDraft<AppRegistry>[]) =>
    w.m.database.db.transaction((tx) => w.m.outbox.append(tx, drafts));
  const seen = (id: string, ok: (i: TForcesIncident) => boolean, status = '') =>
    waitFor(`incident ${id}`, async () => {
      const res = await w.as('duty', 'GET', `/api/forces/incidents?limit=200${status}`);
      const found = ZForcesIncidentList.parse(res.body).items.find((i) => i.id === id);
      return found && ok(found) ? found : undefined;
    });

  it('takes events in any order: each field moves forward only, and closed is final', async () => {
    const id = newId();
    const drill = newId();
    const base = { actor: 'system', incidentId: id, exercise: true, drillRunId: drill };
    const commander = newId();
    // Graded and a level before the report arrives.
    await send(
      {
        ...base,
        type: 'response.incident.graded',
        data: {
          incidentId: id,
          grade: 'III',
          previousGrade: null,
          gradedAt: '2026-12-01T01:00:00Z',
        },
      },
      {
        ...base,
        type: 'response.level.activated',
        data: {
          incidentId: id,
          level: 'III',
          activatedAt: '2026-12-01T02:00:00Z',
          commanderAccountId: commander,
        },
      },
    );
    await waitFor('the early row', async () => {
      const r = await w.m.database.sql`select level from forces_incidents where id = ${id}`;
      return r[0]?.level === 'III';
    });
    await send({
      ...base,
      type: 'response.incident.reported',
      data: {
        incidentId: id,
        title: '缙云山山火',
        category: 'natural_disaster',
        subtype: 'forest_fire',
        source: 'department',
        awareAt: '2026-12-01T00:30:00Z',
        location: { lon: 106.38, lat: 29.84 },
        areaCodes: ['500109'],
      },
    });
    const known = await seen(id, (i) => i.title !== null);
    expect(known).toMatchObject({
      title: '缙云山山火',
      grade: 'III',
      level: 'III',
      commanderAccountId: commander,
      status: 'open',
      exercise: true,
      drillRunId: drill,
      location: { lon: 106.38, lat: 29.84 },
    });
    // A newer adjustment moves the level; an older one, arriving after it, changes nothing.
    await send({
      ...base,
      type: 'response.level.adjusted',
      data: {
        incidentId: id,
        from: 'III',
        to: 'II',
        reason: '火势扩大',
        adjustedAt: '2026-12-01T03:00:00Z',
      },
    });
    await seen(id, (i) => i.level === 'II');
    const [older] = await send({
      ...base,
      type: 'response.level.adjusted',
      data: {
        incidentId: id,
        from: 'IV',
        to: 'IV',
        reason: '迟到的旧调整',
        adjustedAt: '2026-12-01T01:30:00Z',
      },
    });
    await waitFor('the older adjustment to be handled', async () => {
      const r = await w.m.database.sql`select 1 from consumed_events where event_id = ${older!.id}`;
      return r.length === 1;
    });
    expect((await seen(id, () => true)).level).toBe('II');
    await send({
      ...base,
      type: 'response.level.terminated',
      data: { incidentId: id, terminatedAt: '2026-12-02T00:00:00Z', reason: '明火扑灭' },
    });
    await seen(id, (i) => i.level === null);
    await send({
      ...base,
      type: 'response.incident.closed',
      data: { incidentId: id, closedAt: '2026-12-03T00:00:00Z' },
    });
    const closed = await seen(id, (i) => i.status === 'closed', '&status=closed');
    expect(closed.closedAt).toBe('2026-12-03T00:00:00.000Z');
    // A late report (a redelivery, say) does not reopen it.
    await send({
      ...base,
      type: 'response.incident.reported',
      data: {
        incidentId: id,
        title: '缙云山山火（续）',
        category: 'natural_disaster',
        subtype: 'forest_fire',
        source: 'department',
        awareAt: '2026-12-01T00:30:00Z',
        areaCodes: [],
      },
    });
    await seen(id, (i) => i.title === '缙云山山火（续）');
    const after = await seen(id, () => true);
    expect(after.status).toBe('closed');
  });

  it('is read by the office only', async () => {
    expect((await w.as('leader', 'GET', '/api/forces/incidents')).status).toBe(403);
  });
});
