import { sql } from 'drizzle-orm';
import type { RuleStateName, TThresholdRule } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { PointInfo } from './catalogue.ts';
import type { StoreDeps } from './store-readings.ts';
import { INITIAL_STATE, step, type EngineState, type Transition } from './rule-engine.ts';
import { proposeFromCrossing } from './proposals.ts';

export interface Sample {
  t: number;
  v: number;
}

interface Pair {
  rule: TThresholdRule;
  point: PointInfo;
  samples: Sample[];
}

const ms = (d: string | null) => (d === null ? null : new Date(d).getTime());
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * Runs every applicable rule over each point's fresh readings (oldest first) and writes the
 * states that moved in one statement. A crossing's event, and the warning draft or escalation
 * it proposes, commit in this same transaction. Returns the number of crossings.
 */
export async function evaluateReadings(
  d: StoreDeps,
  tx: Tx,
  byPoint: ReadonlyMap<string, Sample[]>,
  points: ReadonlyMap<string, PointInfo>,
  /** Each point's newest reading before this batch: nothing older is evaluated (late). */
  floors: ReadonlyMap<string, number>,
): Promise<number> {
  const pairs: Pair[] = [];
  for (const [pointId, samples] of byPoint) {
    const point = points.get(pointId);
    if (!point || samples.length === 0) continue;
    for (const rule of await d.catalogue.rulesFor(point)) pairs.push({ rule, point, samples });
  }
  if (pairs.length === 0) return 0;
  const rows = await tx.execute<{
    rule_id: string;
    point_id: string;
    state: RuleStateName;
    since: string | null;
    last_observed_at: string | null;
    buckets: [number, number][];
  }>(sql`
    select rule_id, point_id, state, since::text, last_observed_at::text, buckets
    from monitoring_rule_states
    where (rule_id, point_id) in (
      select * from unnest(${sql.param(pairs.map((p) => p.rule.id))}::uuid[],
                           ${sql.param(pairs.map((p) => p.point.id))}::uuid[]))`);
  const states = new Map(
    rows.map((r) => [
      `${r.rule_id}/${r.point_id}`,
      {
        state: r.state,
        since: ms(r.since),
        lastObservedAt: ms(r.last_observed_at),
        buckets: r.buckets,
      } satisfies EngineState,
    ]),
  );
  const changed: { pair: Pair; state: EngineState }[] = [];
  const transitions: { pair: Pair; t: Transition }[] = [];
  for (const pair of pairs) {
    const stored = states.get(`${pair.rule.id}/${pair.point.id}`) ?? INITIAL_STATE;
    // A rule at rest keeps no row of its own (writing one per reading would double the write
    // load): the point's newest reading stands in for what it has evaluated.
    const floor = floors.get(pair.point.id) ?? -Infinity;
    let s: EngineState =
      floor > (stored.lastObservedAt ?? -Infinity) ? { ...stored, lastObservedAt: floor } : stored;
    const start = s;
    const maxGapMs = 3 * pair.point.heartbeatS * 1000;
    for (const sample of pair.samples) {
      const r = step(pair.rule, s, sample.t, sample.v, maxGapMs);
      s = r.next;
      if (r.transition) transitions.push({ pair, t: r.transition });
    }
    const atRest =
      s.state === 'normal' && start.state === 'normal' && pair.rule.trigger === 'sustained';
    if (s !== start && !atRest) changed.push({ pair, state: s });
  }
  if (changed.length > 0)
    await tx.execute(sql`
      insert into monitoring_rule_states
        (rule_id, point_id, state, since, last_observed_at, buckets, updated_at)
      select r, p, s, si::timestamptz, lo::timestamptz, b::jsonb, ${d.clock.now().toISOString()}::timestamptz
      from unnest(${sql.param(changed.map((c) => c.pair.rule.id))}::uuid[],
                  ${sql.param(changed.map((c) => c.pair.point.id))}::uuid[],
                  ${sql.param(changed.map((c) => c.state.state))}::text[],
                  ${sql.param(changed.map((c) => iso(c.state.since)))}::text[],
                  ${sql.param(changed.map((c) => iso(c.state.lastObservedAt)))}::text[],
                  ${sql.param(changed.map((c) => JSON.stringify(c.state.buckets)))}::text[])
        as x(r, p, s, si, lo, b)
      on conflict (rule_id, point_id) do update set
        state = excluded.state, since = excluded.since,
        last_observed_at = excluded.last_observed_at, buckets = excluded.buckets,
        updated_at = excluded.updated_at`);
  let crossings = 0;
  for (const { pair, t } of transitions) {
    const base = { pointId: pair.point.id, ruleId: pair.rule.id, level: pair.rule.level };
    const observedAt = new Date(t.at).toISOString();
    const drill = pair.point.drillRunId
      ? { exercise: true, drillRunId: pair.point.drillRunId }
      : { exercise: false };
    if (t.kind === 'cleared') {
      await d.outbox.append(tx, [
        {
          type: 'monitoring.threshold.cleared',
          actor: 'system',
          ...drill,
          data: { ...base, observedAt },
        },
      ]);
      continue;
    }
    crossings++;
    await d.outbox.append(tx, [
      {
        type: 'monitoring.threshold.crossed',
        actor: 'system',
        ...drill,
        data: {
          ...base,
          value: t.value,
          unit: pair.point.unit,
          observedAt,
          trigger: pair.rule.trigger,
        },
      },
    ]);
    await proposeFromCrossing(d, tx, {
      rule: pair.rule,
      point: pair.point,
      at: observedAt,
      value: t.value,
    });
  }
  return crossings;
}
