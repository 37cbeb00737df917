import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ZMonitoringPointMapItem,
  ZRiskPointMapItem,
  ZWarningMapItem,
  type EventType,
  type TEventEnvelope,
  type TRiskPoint,
  type TWarning,
} from '@muster/contracts';
import { seedDemoDistrict } from '../../platform/geo/seed.ts';
import type { MapLayerChange, MapLayerSource } from '../../platform/realtime/layer-source.ts';
import {
  eventually,
  startMonitoringWorld,
  type MonitoringWorld,
} from '../../testing/monitoring-world.ts';
import { buildPoint, buildRisk, buildRule, buildWarning } from '../../testing/monitoring.ts';
import {
  monitoringPointsMapSource,
  riskPointsMapSource,
  warningsMapSource,
} from './map-sources.ts';

const W = '/api/monitoring/warnings';
const at = (t0: Date, minutes: number) => new Date(t0.getTime() + minutes * 60_000).toISOString();

/** What a source states for the latest event of a type about an id (as the gateway calls it). */
async function changesFor<T extends Record<string, unknown>, E extends EventType>(
  w: MonitoringWorld,
  source: MapLayerSource<T, E>,
  type: string,
  about: (e: TEventEnvelope) => boolean,
): Promise<MapLayerChange<T>[]> {
  const event = await eventually(async () => (await w.events(type)).filter(about).at(-1));
  return (source as unknown as MapLayerSource<T>).changes(event as never, w.m.database.db);
}

describe('monitoring map layer sources: warnings, monitoring points, risk points', () => {
  let w: MonitoringWorld;
  const t0 = new Date();

  beforeAll(async () => {
    w = await startMonitoringWorld(
      { a: { role: 'duty_officer' }, b: { role: 'duty_officer' } },
      t0,
    );
    await seedDemoDistrict(w.m.database.db);
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('states an issued warning with its outline (polygon, circle, areas), an adjusted one anew, a lifted one off', async () => {
    const base = buildWarning(w.clock.now(), { level: 'orange' });
    // The district has an outline; its subdistricts (in the shipped data) have none.
    const area = { ...base.area, codes: ['500109', '500109001'] };
    const draft = (await w.as('a', 'POST', W, { ...base, area })).body as TWarning;
    await w.as('a', 'POST', `${W}/${draft.id}/submit`);
    // Not yet issued: off the map.
    expect((await warningsMapSource.snapshot(w.m.database.db)).map((i) => i.id)).not.toContain(
      draft.id,
    );
    expect(((await w.as('b', 'POST', `${W}/${draft.id}/approve`)).body as TWarning).status).toBe(
      'issued',
    );
    const about = (e: TEventEnvelope) => (e.data as { warningId: string }).warningId === draft.id;
    const [issued] = await changesFor(w, warningsMapSource, 'monitoring.warning.issued', about);
    expect(issued?.op).toBe('upsert');
    const item = issued?.op === 'upsert' ? issued.item : undefined;
    expect(ZWarningMapItem.parse(item?.data)).toMatchObject({
      warningId: draft.id,
      level: 'orange',
      headline: draft.headline,
      areaCodes: ['500109', '500109001'],
    });
    // One polygon, one circle (as a ring) and the district's outline.
    const outline = item?.data.area;
    expect(outline?.type).toBe('MultiPolygon');
    expect(
      outline?.type === 'MultiPolygon' ? outline.coordinates.length : 0,
    ).toBeGreaterThanOrEqual(3);
    expect(item?.exercise).toBe(false);
    expect(item?.audience.roles).toEqual(expect.arrayContaining(['observer', 'commander']));
    expect((await warningsMapSource.snapshot(w.m.database.db)).map((i) => i.id)).toContain(
      draft.id,
    );

    await w.as('a', 'POST', `${W}/${draft.id}/amendments`, {
      action: 'adjust',
      changes: { level: 'red' },
      reason: '雨情加剧',
    });
    await w.as('b', 'POST', `${W}/${draft.id}/approve`);
    const [adjusted] = await changesFor(w, warningsMapSource, 'monitoring.warning.adjusted', about);
    expect(adjusted?.op === 'upsert' && adjusted.item.data.level).toBe('red');

    await w.as('a', 'POST', `${W}/${draft.id}/amendments`, { action: 'lift', reason: '雨停' });
    await w.as('b', 'POST', `${W}/${draft.id}/approve`);
    expect(await changesFor(w, warningsMapSource, 'monitoring.warning.lifted', about)).toEqual([
      { op: 'remove', id: draft.id },
    ]);
    expect((await warningsMapSource.snapshot(w.m.database.db)).map((i) => i.id)).not.toContain(
      draft.id,
    );
  });

  it('carries the exercise flag of a drill warning', async () => {
    const d = (await w.as('a', 'POST', W, buildWarning(w.clock.now(), { exercise: true })))
      .body as TWarning;
    await w.as('a', 'POST', `${W}/${d.id}/submit`);
    await w.as('b', 'POST', `${W}/${d.id}/approve`);
    const item = (await warningsMapSource.snapshot(w.m.database.db)).find((i) => i.id === d.id);
    expect(item?.exercise).toBe(true);
  });

  it('states a monitoring point with its latest reading and the level of the threshold crossed there', async () => {
    const p = (await w.as('a', 'POST', '/api/monitoring/points', buildPoint())).body as {
      id: string;
    };
    await w.as('a', 'POST', '/api/monitoring/rules', buildRule({ pointId: p.id, sustainS: 120 }));
    const before = (await monitoringPointsMapSource.snapshot(w.m.database.db)).find(
      (i) => i.id === p.id,
    );
    expect(before?.data).toMatchObject({ pointId: p.id, threshold: 'normal' });
    expect(before?.data.latest).toBeUndefined();
    for (let i = 0; i <= 4; i++)
      await w.publish(p.id, { observedAt: at(t0, i - 5), value: 191 + i * 0.1, unit: 'm' });
    const [crossed] = await changesFor(
      w,
      monitoringPointsMapSource,
      'monitoring.threshold.crossed',
      (e) => (e.data as { pointId: string }).pointId === p.id,
    );
    const item = crossed?.op === 'upsert' ? crossed.item : undefined;
    expect(ZMonitoringPointMapItem.parse(item?.data)).toMatchObject({
      pointId: p.id,
      kind: 'river_level',
      location: { lon: 106.44, lat: 29.83 },
      threshold: 'yellow',
      latest: { unit: 'm' },
    });
    // The latest value stored when the point was restated: at or after the crossing's.
    expect(Date.parse(item?.data.latest?.observedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(at(t0, -3)),
    );
  });

  it('states a risk point at its place, without its contact, and again when it is reassessed', async () => {
    const r = (
      await w.as('a', 'POST', '/api/monitoring/risks', buildRisk({ controls: ['雨季每日巡查'] }))
    ).body as TRiskPoint;
    const first = (await riskPointsMapSource.snapshot(w.m.database.db)).find((i) => i.id === r.id);
    expect(ZRiskPointMapItem.parse(first?.data)).toEqual({
      riskPointId: r.id,
      name: '缙云山滑坡隐患点',
      kind: 'landslide',
      level: 'significant',
      location: { lon: 106.38, lat: 29.84 },
      department: 'natres',
    });
    expect(JSON.stringify(first)).not.toContain('13800138000');
    await w.as('a', 'POST', `/api/monitoring/risks/${r.id}/assessments`, {
      riskLevel: 'major',
      method: '专家会商',
      findings: '裂缝扩大',
    });
    const [assessed] = await changesFor(
      w,
      riskPointsMapSource,
      'monitoring.risk.assessed',
      (e) => (e.data as { riskPointId: string }).riskPointId === r.id,
    );
    expect(assessed?.op === 'upsert' && assessed.item.data.level).toBe('major');
  });
});
