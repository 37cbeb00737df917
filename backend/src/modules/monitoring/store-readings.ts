import { sql } from 'drizzle-orm';
import type { TReadingBatchResult } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { Catalogue, PointInfo } from './catalogue.ts';
import type { MonitoringDeps } from './deps.ts';
import { evaluateReadings, type Sample } from './evaluate.ts';
import type { IncomingReading } from './reading-checks.ts';

export type StoreDeps = MonitoringDeps & { catalogue: Catalogue };

// Numbers and instants travel as text arrays cast in SQL: postgres.js has no serializer of its
// own for float8[] or timestamptz[] parameters.

/**
 * Stores checked readings and heartbeats in the caller's transaction, in a constant number of
 * statements whatever the batch size: lock the points (in id order, so concurrent batches of the
 * same points queue instead of deadlocking, and their rules see readings one batch at a time),
 * insert the readings (a re-sent one is dropped by the natural key), move each point's latest
 * value and liveness, then evaluate the rules on the fresh readings.
 */
export async function storeReadings(
  d: StoreDeps,
  tx: Tx,
  readings: readonly IncomingReading[],
  heartbeats: readonly string[],
  points: ReadonlyMap<string, PointInfo>,
  now: Date,
): Promise<TReadingBatchResult> {
  const ids = [...new Set([...readings.map((r) => r.pointId), ...heartbeats])].sort();
  if (ids.length === 0) return { stored: 0, duplicates: 0, late: 0, crossings: 0 };
  const prev = await tx.execute<{ id: string; status: string; latest: string | null }>(sql`
    select id, status, latest_observed_at::text as latest from monitoring_points
    where id = any(${sql.param(ids)}::uuid[]) order by id for update`);
  const prevOf = new Map(prev.map((p) => [p.id, p]));

  const fresh =
    readings.length === 0
      ? []
      : await tx.execute<{ point_id: string; observed_at: string; value: number }>(sql`
    insert into monitoring_readings (point_id, observed_at, value, received_at)
    select p, o::timestamptz, v::float8, ${now.toISOString()}::timestamptz
    from unnest(${sql.param(readings.map((r) => r.pointId))}::uuid[],
                ${sql.param(readings.map((r) => r.observedAt.toISOString()))}::text[],
                ${sql.param(readings.map((r) => String(r.value)))}::text[]) as x(p, o, v)
    on conflict do nothing
    returning point_id, observed_at::text, value`);

  const byPoint = new Map<string, Sample[]>();
  for (const r of fresh) {
    const list = byPoint.get(r.point_id) ?? [];
    list.push({ t: new Date(r.observed_at).getTime(), v: r.value });
    byPoint.set(r.point_id, list);
  }
  let late = 0;
  const latestIds: string[] = [];
  const latestValues: (string | null)[] = [];
  const latestAt: (string | null)[] = [];
  for (const id of ids) {
    const samples = byPoint.get(id) ?? [];
    samples.sort((a, b) => a.t - b.t);
    const latest = prevOf.get(id)?.latest;
    const was = latest ? new Date(latest).getTime() : -Infinity;
    late += samples.filter((s) => s.t < was).length;
    const newest = samples[samples.length - 1];
    latestIds.push(id);
    latestValues.push(newest && newest.t > was ? String(newest.v) : null);
    latestAt.push(newest && newest.t > was ? new Date(newest.t).toISOString() : null);
  }
  await tx.execute(sql`
    update monitoring_points p set
      last_seen_at = ${now.toISOString()}::timestamptz,
      status = case when p.status = 'retired' then p.status else 'online' end,
      latest_value = coalesce(x.v::float8, p.latest_value),
      latest_observed_at = coalesce(x.o::timestamptz, p.latest_observed_at),
      updated_at = ${now.toISOString()}::timestamptz
    from unnest(${sql.param(latestIds)}::uuid[], ${sql.param(latestValues)}::text[],
                ${sql.param(latestAt)}::text[]) as x(id, v, o)
    where p.id = x.id`);

  const back = prev.filter((p) => p.status === 'offline').map((p) => p.id);
  if (back.length > 0)
    await d.outbox.append(
      tx,
      back.map((pointId) => ({
        type: 'monitoring.point.online' as const,
        actor: 'system',
        data: { pointId, at: now.toISOString() },
      })),
    );
  const crossings = await evaluateReadings(d, tx, byPoint, points);
  return { stored: fresh.length, duplicates: readings.length - fresh.length, late, crossings };
}
