import { sql } from 'drizzle-orm';
import type { AppRegistry, TReadingBatchResult } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { EventDraft } from '../../platform/bus/outbox.ts';
import type { Catalogue, PointInfo } from './catalogue.ts';
import type { MonitoringDeps } from './deps.ts';
import { evaluateReadings, type Sample } from './evaluate.ts';
import type { IncomingReading } from './reading-checks.ts';
import type { PointStates, RuleStateCache } from './rule-state-cache.ts';

export type StoreDeps = MonitoringDeps & { catalogue: Catalogue; ruleStates: RuleStateCache };

/** Rule states a transaction moved, per point, kept in memory once it has committed. */
export type StagedStates = Map<string, { latest: number; states: PointStates }>;

// Numbers and instants travel as text arrays cast in SQL: postgres.js has no serializer of its
// own for float8[] or timestamptz[] parameters.

/**
 * Stores checked readings and heartbeats in one transaction (`storeInTx`), then keeps the rule
 * states it committed for the next batch. A transaction that fails leaves the kept states as
 * they were, like the tables.
 */
export async function storeReadings(
  d: StoreDeps,
  readings: readonly IncomingReading[],
  heartbeats: readonly string[],
  points: ReadonlyMap<string, PointInfo>,
  now: Date,
): Promise<TReadingBatchResult> {
  const staged: StagedStates = new Map();
  const result = await d.db.transaction((tx) =>
    storeInTx(d, tx, readings, heartbeats, points, now, staged),
  );
  for (const [pointId, e] of staged) d.ruleStates.set(pointId, e.latest, e.states);
  return result;
}

/**
 * Stores checked readings and heartbeats in the caller's transaction, in a constant number of
 * statements whatever the batch size: lock the points (in id order, so concurrent batches of the
 * same points queue instead of deadlocking, and their rules see readings one batch at a time),
 * insert the readings (a re-sent one is dropped by the natural key), move each point's latest
 * value and liveness, then evaluate the rules on the fresh readings. Every event of the batch
 * goes to the outbox in one statement, in the order it happened.
 */
async function storeInTx(
  d: StoreDeps,
  tx: Tx,
  readings: readonly IncomingReading[],
  heartbeats: readonly string[],
  points: ReadonlyMap<string, PointInfo>,
  now: Date,
  staged: StagedStates,
): Promise<TReadingBatchResult> {
  const ids = [...new Set([...readings.map((r) => r.pointId), ...heartbeats])].sort();
  if (ids.length === 0) return { stored: 0, duplicates: 0, late: 0, crossings: 0 };
  // The newest incoming reading of each point (duplicates carry the value already stored).
  const newest = new Map<string, IncomingReading>();
  for (const r of readings) {
    const n = newest.get(r.pointId);
    if (!n || r.observedAt > n.observedAt) newest.set(r.pointId, r);
  }
  const at = now.toISOString();
  // One statement locks the points in id order (concurrent batches of the same points queue
  // instead of deadlocking, and their rules see one batch at a time), moves each point's latest
  // value and liveness, and returns what they were before.
  const pointsMoved = tx.execute<{ id: string; status: string; latest: string | null }>(sql`
    with prev as (
      select id, status, latest_observed_at from monitoring_points
      where id = any(${sql.param(ids)}::uuid[]) order by id for update),
    x as (
      select * from unnest(${sql.param(ids)}::uuid[],
                           ${sql.param(ids.map((id) => (newest.has(id) ? String(newest.get(id)!.value) : null)))}::text[],
                           ${sql.param(ids.map((id) => newest.get(id)?.observedAt.toISOString() ?? null))}::text[])
        as x(id, v, o)),
    upd as (
      update monitoring_points p set
        last_seen_at = ${at}::timestamptz,
        status = case when p.status = 'retired' then p.status else 'online' end,
        latest_value = case when x.o::timestamptz > coalesce(prev.latest_observed_at, '-infinity')
                            then x.v::float8 else p.latest_value end,
        latest_observed_at = greatest(prev.latest_observed_at, x.o::timestamptz),
        updated_at = ${at}::timestamptz
      from x, prev where p.id = x.id and prev.id = p.id)
    select id, status, latest_observed_at::text as latest from prev`);

  // Sent at once, one round trip: the server runs them in order, so the points are locked
  // before the readings are inserted, as in every batch.
  const inserted =
    readings.length === 0
      ? Promise.resolve([])
      : tx.execute<{ point_id: string; observed_at: string; value: number }>(sql`
    insert into monitoring_readings (point_id, observed_at, value, received_at)
    select p, o::timestamptz, v::float8, ${at}::timestamptz
    from unnest(${sql.param(readings.map((r) => r.pointId))}::uuid[],
                ${sql.param(readings.map((r) => r.observedAt.toISOString()))}::text[],
                ${sql.param(readings.map((r) => String(r.value)))}::text[]) as x(p, o, v)
    on conflict do nothing
    returning point_id, observed_at::text, value`);
  const [prev, fresh] = await Promise.all([pointsMoved, inserted]);

  const byPoint = new Map<string, Sample[]>();
  for (const r of fresh) {
    const list = byPoint.get(r.point_id) ?? [];
    list.push({ t: new Date(r.observed_at).getTime(), v: r.value });
    byPoint.set(r.point_id, list);
  }
  let late = 0;
  // Each point's newest reading before this batch (nothing older is evaluated: late) and after.
  const floors = new Map<string, number>();
  const latest = new Map<string, number>();
  for (const p of prev) {
    const was = p.latest ? new Date(p.latest).getTime() : -Infinity;
    floors.set(p.id, was);
    latest.set(p.id, Math.max(was, newest.get(p.id)?.observedAt.getTime() ?? -Infinity));
  }
  for (const [id, samples] of byPoint) {
    samples.sort((a, b) => a.t - b.t);
    const was = floors.get(id) ?? -Infinity;
    late += samples.filter((s) => s.t < was).length;
  }

  const events: EventDraft<AppRegistry>[] = prev
    .filter((p) => p.status === 'offline')
    .map((p) => ({
      type: 'monitoring.point.online' as const,
      actor: 'system',
      data: { pointId: p.id, at: now.toISOString() },
    }));
  const crossings = await evaluateReadings(d, tx, {
    byPoint,
    points,
    floors,
    latest,
    events,
    staged,
  });
  await d.outbox.append(tx, events);
  return { stored: fresh.length, duplicates: readings.length - fresh.length, late, crossings };
}
