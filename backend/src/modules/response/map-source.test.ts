import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZIncident, ZIncidentMapItem, type TIncidentMapItem } from '@muster/contracts';
import type { MapLayerSource } from '../../platform/realtime/layer-source.ts';
import {
  buildActivation,
  buildIncident,
  startResponseWorld,
  type ResponseWorld,
} from '../../testing/response-world.ts';
import { incidentsMapSource } from './map-source.ts';

const INCIDENTS = '/api/response/incidents';

describe('the incidents map layer source', () => {
  let w: ResponseWorld;
  beforeAll(async () => {
    w = await startResponseWorld({
      duty: { role: 'duty_officer' },
      commander: { role: 'commander' },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  /** What the source states for the incident's latest event of a type. */
  async function stated(incidentId: string, type: string) {
    const event = (await w.eventsOf(incidentId)).filter((e) => e.type === type).at(-1);
    expect(event, type).toBeDefined();
    const source = incidentsMapSource as unknown as MapLayerSource<TIncidentMapItem>;
    return source.changes(event as never, w.m.database.db);
  }

  it('states an incident with its grade and response level as they change, and terminated after', async () => {
    const inc = ZIncident.parse((await w.as('duty', 'POST', INCIDENTS, buildIncident())).body);
    const [reported] = await stated(inc.id, 'response.incident.reported');
    expect(reported?.op === 'upsert' && ZIncidentMapItem.parse(reported.item.data)).toEqual({
      incidentId: inc.id,
      title: inc.title,
      category: 'natural_disaster',
      status: 'reported',
      grade: inc.grade,
      responseLevel: null,
      location: { lon: 106.437, lat: 29.825 },
      awareAt: '2026-06-30T23:30:00.000Z',
    });
    expect(reported?.op === 'upsert' && reported.item).toMatchObject({
      exercise: false,
      incidentId: inc.id,
    });
    expect(reported?.op === 'upsert' && reported.item.audience.roles).toEqual(
      expect.arrayContaining(['observer', 'department', 'commander']),
    );

    const criteria = { deaths: 3, missing: 0, injuries: 0, affected: 200, directLossFen: 0 };
    await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/grade`, { grade: 'III', criteria });
    const [graded] = await stated(inc.id, 'response.incident.graded');
    expect(graded?.op === 'upsert' && graded.item.data.grade).toBe('III');

    const act = await w.as(
      'duty',
      'POST',
      `${INCIDENTS}/${inc.id}/activate`,
      buildActivation(w.ids.get('commander')!, { level: 'III' }),
    );
    expect(act.status, JSON.stringify(act.body)).toBe(200);
    const [activated] = await stated(inc.id, 'response.level.activated');
    expect(activated?.op === 'upsert' && activated.item.data).toMatchObject({
      status: 'responding',
      responseLevel: 'III',
    });

    await w.as('commander', 'POST', `${INCIDENTS}/${inc.id}/terminate`, { reason: '险情解除' });
    const [terminated] = await stated(inc.id, 'response.level.terminated');
    expect(terminated?.op === 'upsert' && terminated.item.data.status).toBe('terminated');
    expect((await incidentsMapSource.snapshot(w.m.database.db)).map((i) => i.id)).toContain(inc.id);
  });

  it('pins an incident without a place of its own at its area’s centre; a drill carries its flag', async () => {
    const { location: _omitted, ...noPlace } = buildIncident({ areaCodes: ['500109'] });
    const inc = ZIncident.parse(
      (await w.as('duty', 'POST', INCIDENTS, { ...noPlace, exercise: true })).body,
    );
    const item = (await incidentsMapSource.snapshot(w.m.database.db)).find((i) => i.id === inc.id);
    expect(item?.exercise).toBe(true);
    // Beibei's centre, from the shipped outline.
    expect(item?.data.location.lon).toBeCloseTo(106.4, 0);
    expect(item?.data.location.lat).toBeCloseTo(29.8, 0);
  });
});
