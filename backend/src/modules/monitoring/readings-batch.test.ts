import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import type { TMonitoringPoint } from '@muster/contracts';
import type { IngestMessage } from '../../platform/bus/ingest.ts';
import { startMonitoringWorld, type MonitoringWorld } from '../../testing/monitoring-world.ts';
import { buildPoint, buildRule } from '../../testing/monitoring.ts';
import { createCatalogue } from './catalogue.ts';
import { readingsIngest } from './ingest.ts';
import { createRuleStateCache } from './rule-state-cache.ts';
import type { StoreDeps } from './store-readings.ts';
import { monitoringInbox, monitoringReadings, monitoringWarnings } from './tables.ts';

const at = (t0: Date, minutes: number) => new Date(t0.getTime() + minutes * 60_000).toISOString();
const encoder = new TextEncoder();

/**
 * The sensor batch handler called directly, as the ingest calls it, so a test decides exactly
 * which messages form a batch and when one is delivered again (acks lost after a commit, or a
 * batch taken over by another instance).
 */
describe('monitoring: sensor batches delivered again, shared between instances, failing', () => {
  let w: MonitoringWorld;
  const t0 = new Date('2025-07-01T02:00:00Z');

  beforeAll(async () => {
    w = await startMonitoringWorld({ duty: { role: 'duty_officer' } }, t0);
  });
  afterAll(async () => {
    await w?.stop();
  });

  /** One backend instance's reading path: its own point and rule caches and kept rule states. */
  function instance(over: Partial<StoreDeps> = {}): StoreDeps {
    return {
      db: w.m.database.db,
      outbox: w.m.outbox,
      audit: w.m.audit,
      clock: w.clock,
      logger: w.m.logger,
      bus: w.m.bus,
      namespace: w.env.namespace,
      streamReplicas: 1,
      readingsMaxAgeS: 3600,
      capSender: 'test.example',
      capSenderName: '测试',
      catalogue: createCatalogue(w.m.database.db),
      ruleStates: createRuleStateCache(),
      ...over,
    };
  }
  const handle = (d: StoreDeps, messages: IngestMessage[]) =>
    readingsIngest(d).handleBatch(messages);
  const reading = (pointId: string, minutes: number, value: number): IngestMessage => ({
    subject: `monitoring.reading.${pointId}`,
    data: encoder.encode(JSON.stringify({ observedAt: at(t0, minutes), value, unit: 'm' })),
  });

  async function pointWithRule(sustainS: number): Promise<string> {
    const p = (await w.as('duty', 'POST', '/api/monitoring/points', buildPoint()))
      .body as TMonitoringPoint;
    const r = await w.as(
      'duty',
      'POST',
      '/api/monitoring/rules',
      buildRule({ pointId: p.id, sustainS }),
    );
    expect(r.status).toBe(201);
    return p.id;
  }
  async function counts(pointId: string) {
    const db = w.m.database.db;
    const [readings] = await db
      .select({ n: count() })
      .from(monitoringReadings)
      .where(eq(monitoringReadings.pointId, pointId));
    const [inbox] = await db
      .select({ n: count() })
      .from(monitoringInbox)
      .where(and(eq(monitoringInbox.refId, pointId), eq(monitoringInbox.kind, 'threshold')));
    const [drafts] = await db
      .select({ n: count() })
      .from(monitoringWarnings)
      .where(sql`${monitoringWarnings.proposal}->>'pointId' = ${pointId}`);
    const crossed = (await w.events('monitoring.threshold.crossed')).filter(
      (e) => (e.data as { pointId: string }).pointId === pointId,
    ).length;
    return { readings: readings!.n, crossed, inbox: inbox!.n, drafts: drafts!.n };
  }

  it('a batch delivered again after its commit applies nothing twice, here or on another instance; a bad message in it holds back nothing', async () => {
    const p = await pointWithRule(0);
    const batch = [
      reading(p, -5, 180),
      { subject: `monitoring.reading.${p}`, data: encoder.encode('not json {') },
      reading(p, -4, 191),
      { subject: `monitoring.reading.${p}`, data: encoder.encode('{"value":1,"unit":"cm"}') },
      reading(p, -3, 192),
    ];
    const a = instance();
    await handle(a, batch);
    const once = { readings: 3, crossed: 1, inbox: 1, drafts: 1 };
    expect(await counts(p)).toEqual(once);
    // The acks were lost: the same batch again, on the same instance…
    await handle(a, batch);
    expect(await counts(p)).toEqual(once);
    // …and taken over by another instance (no kept states), with a newer reading behind it.
    await handle(instance(), [...batch, reading(p, -2, 193)]);
    expect(await counts(p)).toEqual({ ...once, readings: 4 });
  });

  it('kept rule states give way to the stored ones when another instance has moved the point', async () => {
    // Sustained for two minutes: pending at −10, crossing at −8.
    const p = await pointWithRule(120);
    const a = instance();
    const b = instance();
    await handle(a, [reading(p, -10, 191)]);
    await handle(b, [reading(p, -8, 191)]);
    expect((await counts(p)).crossed).toBe(1);
    // Instance A still holds "pending since −10"; believing it would cross a second time.
    await handle(a, [reading(p, -6, 191)]);
    expect((await counts(p)).crossed).toBe(1);
    const states = (await w.as('duty', 'GET', `/api/monitoring/points/${p}/states`)).body as {
      items: { state: string; lastObservedAt: string }[];
    };
    expect(states.items).toMatchObject([{ state: 'active', lastObservedAt: at(t0, -6) }]);
  });

  it('a batch whose transaction fails leaves tables and kept states untouched: delivered again, it crosses once', async () => {
    const p = await pointWithRule(0);
    const a = instance();
    const failing: StoreDeps = {
      ...a,
      outbox: { append: () => Promise.reject(new Error('outbox unavailable')) },
    };
    const batch = [reading(p, -5, 180), reading(p, -4, 195)];
    await expect(handle(failing, batch)).rejects.toThrow('outbox unavailable');
    expect(await counts(p)).toEqual({ readings: 0, crossed: 0, inbox: 0, drafts: 0 });
    await handle(a, batch);
    const c = await counts(p);
    expect(c.readings).toBe(2);
    expect(c.crossed).toBe(1);
    expect(c.inbox).toBe(1);
  });
});
