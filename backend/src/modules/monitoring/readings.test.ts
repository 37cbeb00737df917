import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { TMonitoringPoint, TThresholdRule, TWarning } from '@muster/contracts';
import { errorCode } from '../../testing/http.ts';
import {
  eventually,
  startMonitoringWorld,
  type MonitoringWorld,
} from '../../testing/monitoring-world.ts';
import { buildPoint, buildRule } from '../../testing/monitoring.ts';
import { monitoringReadings } from './tables.ts';

const at = (t0: Date, minutes: number) => new Date(t0.getTime() + minutes * 60_000).toISOString();

describe('monitoring: readings through NATS and HTTP, rules, liveness', () => {
  let w: MonitoringWorld;
  const t0 = new Date('2025-07-01T02:00:00Z');

  beforeAll(async () => {
    w = await startMonitoringWorld(
      {
        duty: { role: 'duty_officer' },
        dept: { role: 'department', departmentId: 'water' },
        other: { role: 'department', departmentId: 'roads' },
      },
      t0,
    );
  });
  afterAll(async () => {
    await w?.stop();
  });

  async function point(o = {}): Promise<TMonitoringPoint> {
    const r = await w.as('duty', 'POST', '/api/monitoring/points', buildPoint(o));
    expect(r.status).toBe(201);
    return r.body as TMonitoringPoint;
  }
  const stored = async (pointId: string) =>
    (
      await w.m.database.db
        .select({ n: count() })
        .from(monitoringReadings)
        .where(eq(monitoringReadings.pointId, pointId))
    )[0]!.n;

  it('sensor readings over NATS cross a sustained rule on their own timestamps and propose a draft', async () => {
    const p = await point();
    const rule = (await w.as('duty', 'POST', '/api/monitoring/rules', buildRule({ pointId: p.id })))
      .body as TThresholdRule;
    // One a minute (the point's heartbeat): 189, then 190.2 rising to 191.3 over ten minutes.
    const series: [number, number][] = [[-20, 189]];
    for (let i = 0; i <= 10; i++) series.push([i - 19, 190.2 + i * 0.11]);
    for (const [m, v] of series)
      await w.publish(p.id, { observedAt: at(t0, m), value: v, unit: 'm' });
    const crossed = await eventually(async () =>
      (await w.events('monitoring.threshold.crossed')).find(
        (e) => (e.data as { pointId: string }).pointId === p.id,
      ),
    );
    expect(crossed.data).toMatchObject({
      ruleId: rule.id,
      level: 'yellow',
      unit: 'm',
      trigger: 'sustained',
      observedAt: at(t0, -9),
    });
    expect((crossed.data as { value: number }).value).toBeCloseTo(191.3);
    const got = (await w.as('duty', 'GET', `/api/monitoring/points/${p.id}`))
      .body as TMonitoringPoint;
    expect(got).toMatchObject({ status: 'online', latest: { observedAt: at(t0, -9) } });
    const drafts = (await w.as('duty', 'GET', '/api/monitoring/warnings?status=draft')).body as {
      items: TWarning[];
    };
    const draft = drafts.items.find((d) => d.proposal?.pointId === p.id);
    expect(draft).toMatchObject({
      proposedBy: 'system',
      level: 'yellow',
      category: 'flood',
      area: { codes: ['500109001'] },
    });
    expect(draft!.measures!.length).toBeGreaterThan(0);
    // The point's department hears of it.
    const inbox = (await w.as('dept', 'GET', '/api/monitoring/inbox')).body as {
      items: { kind: string; refId: string }[];
    };
    expect(inbox.items.some((i) => i.kind === 'threshold' && i.refId === p.id)).toBe(true);
  });

  it('drops bad sensor messages without crashing or touching the good ones', async () => {
    const p = await point();
    await w.publish(p.id, 'not json {');
    await w.publish(p.id, { observedAt: 'yesterday', value: 1, unit: 'm' });
    await w.publish(p.id, { observedAt: at(t0, -1), value: 1, unit: 'cm' });
    await w.publish(p.id, { observedAt: at(t0, -1), value: 99_999, unit: 'm' });
    await w.publish(p.id, { observedAt: at(t0, 60), value: 1, unit: 'm' });
    await w.publish(p.id, { observedAt: at(t0, -1), value: Number.NaN, unit: 'm' });
    w.nc.publish(`${w.env.namespace}.monitoring.reading.not-a-uuid`, '{}');
    await w.publish(p.id, { observedAt: at(t0, -2), value: 180, unit: 'm' });
    await eventually(async () => ((await stored(p.id)) === 1 ? true : undefined));
    // A sensor that keeps sending garbage is still taken afterwards.
    await w.publish(p.id, { observedAt: at(t0, -1), value: 181, unit: 'm' });
    await eventually(async () => ((await stored(p.id)) === 2 ? true : undefined));
  });

  it('a gateway batch is stored whole or refused whole, naming each bad field', async () => {
    const p = await point();
    const bad = await w.as('dept', 'POST', '/api/monitoring/readings', {
      readings: [
        { pointId: p.id, observedAt: at(t0, -3), value: 180, unit: 'm' },
        { pointId: p.id, observedAt: at(t0, -2), value: 180, unit: 'mm' },
        { pointId: p.id, observedAt: at(t0, 30), value: 180, unit: 'm' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('monitoring.reading_invalid');
    const paths = (bad.body as { error: { issues: { path: string }[] } }).error.issues.map(
      (i) => i.path,
    );
    expect(paths).toEqual(['body.readings.1.unit', 'body.readings.2.observedAt']);
    expect(await stored(p.id)).toBe(0);
    const shape = await w.as('dept', 'POST', '/api/monitoring/readings', {
      readings: [{ pointId: p.id, value: 'x' }],
    });
    expect(shape.status).toBe(400);

    const batch = [0, 1, 2].map((m) => ({
      pointId: p.id,
      observedAt: at(t0, m - 10),
      value: 180 + m,
      unit: 'm',
    }));
    const ok = await w.as('dept', 'POST', '/api/monitoring/readings', { readings: batch });
    expect(ok.body).toEqual({ stored: 3, duplicates: 0, late: 0, crossings: 0 });
    // Sent again, with one late reading: duplicates skipped, the late one stored but not newest.
    const again = await w.as('dept', 'POST', '/api/monitoring/readings', {
      readings: [...batch, { pointId: p.id, observedAt: at(t0, -20), value: 170, unit: 'm' }],
    });
    expect(again.body).toEqual({ stored: 1, duplicates: 3, late: 1, crossings: 0 });
    const got = (await w.as('duty', 'GET', `/api/monitoring/points/${p.id}`))
      .body as TMonitoringPoint;
    expect(got.latest).toEqual({ value: 182, observedAt: at(t0, -8) });
    // Another department's gateway may not report this point.
    const foreign = await w.as('other', 'POST', '/api/monitoring/readings', {
      readings: [batch[0]],
    });
    expect(errorCode(foreign)).toBe('monitoring.not_your_point');
  });

  it('goes offline after three silent heartbeats and online again on its next message', async () => {
    const p = await point({ heartbeatS: 60 });
    await w.publish(p.id, { heartbeatAt: t0.toISOString() });
    await eventually(async () => {
      const g = (await w.as('duty', 'GET', `/api/monitoring/points/${p.id}`))
        .body as TMonitoringPoint;
      return g.status === 'online' ? g : undefined;
    });
    w.clock.advance(181_000);
    await w.m.sweeps.runNow();
    expect(
      ((await w.as('duty', 'GET', `/api/monitoring/points/${p.id}`)).body as TMonitoringPoint)
        .status,
    ).toBe('offline');
    expect(
      (await w.events('monitoring.point.offline')).some(
        (e) => (e.data as { pointId: string }).pointId === p.id,
      ),
    ).toBe(true);
    await w.publish(p.id, { heartbeatAt: w.clock.now().toISOString() });
    await eventually(async () =>
      (await w.events('monitoring.point.online')).find(
        (e) => (e.data as { pointId: string }).pointId === p.id,
      ),
    );
  });
});
