import { sql } from 'drizzle-orm';
import type { AppRegistry, RuleStateName, TThresholdRule } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { EventDraft } from '../../platform/bus/outbox.ts';
import type { PointInfo } from './catalogue.ts';
import type { StagedStates, StoreDeps } from './store-readings.ts';
import { INITIAL_STATE, step, type EngineState, type Transition } from './rule-engine.ts';
import { proposeFromCrossings, type Crossing } from './proposals.ts';
import type { PointStates } from './rule-state-cache.ts';

export interface Sample {
  t: number;
  v: number;
}

interface Pair {
  rule: TThresholdRule;
  point: PointInfo;
  samples: Sample[];
}

export interface Evaluation {
  /** Each point's fresh readings, oldest first. */
  byPoint: ReadonlyMap<string, Sample[]>;
  points: ReadonlyMap<string, PointInfo>;
  /** Each point's newest reading before this batch: nothing older is evaluated (late). */
  floors: ReadonlyMap<string, number>;
  /** Each point's newest reading after this batch: what the kept states are valid for. */
  latest: ReadonlyMap<string, number>;
  /** The batch's events so far; crossings, clearings and proposals are added in order. */
  events: EventDraft<AppRegistry>[];
  /** Filled with the states to keep once the transaction has committed. */
  staged: StagedStates;
}

const ms = (d: string | null) => (d === null ? null : new Date(d).getTime());
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * The states of every rule at the given points: kept ones while still valid, the rest read in one
 * statement (every row of the point, so what the cache keeps is complete; a rule without a row
 * is at rest).
 */
async function statesOf(
  d: StoreDeps,
  tx: Tx,
  pointIds: readonly string[],
  floors: ReadonlyMap<string, number>,
): Promise<Map<string, PointStates>> {
  const out = new Map<string, PointStates>();
  const missing: string[] = [];
  for (const id of pointIds) {
    const kept = d.ruleStates.get(id, floors.get(id) ?? -Infinity);
    if (kept) out.set(id, kept);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const rows = await tx.execute<{
    rule_id: string;
    point_id: string;
    state: RuleStateName;
    since: string | null;
    last_observed_at: string | null;
    buckets: [number, number][];
  }>(sql`
    select rule_id, point_id, state, since::text, last_observed_at::text, buckets
    from monitoring_rule_states where point_id = any(${sql.param(missing)}::uuid[])`);
  const read = new Map<string, Map<string, EngineState>>(missing.map((id) => [id, new Map()]));
  for (const r of rows)
    read.get(r.point_id)?.set(r.rule_id, {
      state: r.state,
      since: ms(r.since),
      lastObservedAt: ms(r.last_observed_at),
      buckets: r.buckets,
    });
  for (const [id, states] of read) out.set(id, states);
  return out;
}

/**
 * Runs every applicable rule over each point's fresh readings (oldest first) and writes the
 * states that moved in one statement. A crossing's event, and the warning draft or escalation
 * it proposes, commit in this same transaction. Returns the number of crossings.
 */
export async function evaluateReadings(d: StoreDeps, tx: Tx, e: Evaluation): Promise<number> {
  const pairs: Pair[] = [];
  for (const [pointId, samples] of e.byPoint) {
    const point = e.points.get(pointId);
    if (!point || samples.length === 0) continue;
    for (const rule of await d.catalogue.rulesFor(point)) pairs.push({ rule, point, samples });
  }
  if (pairs.length === 0) return 0;
  const states = await statesOf(d, tx, [...new Set(pairs.map((p) => p.point.id))], e.floors);
  const next = new Map<string, Map<string, EngineState>>();
  const changed: { pair: Pair; state: EngineState }[] = [];
  const transitions: { pair: Pair; t: Transition }[] = [];
  for (const pair of pairs) {
    const stored = states.get(pair.point.id)?.get(pair.rule.id) ?? INITIAL_STATE;
    // A rule at rest keeps no row of its own (writing one per reading would double the write
    // load): the point's newest reading stands in for what it has evaluated.
    const floor = e.floors.get(pair.point.id) ?? -Infinity;
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
    const moved = next.get(pair.point.id) ?? new Map<string, EngineState>();
    next.set(pair.point.id, moved.set(pair.rule.id, s));
  }
  // What to keep: each point's states as they were, with this batch's moves on top.
  for (const [pointId, moved] of next)
    e.staged.set(pointId, {
      latest: e.latest.get(pointId) ?? -Infinity,
      states: new Map([...(states.get(pointId) ?? []), ...moved]),
    });
  const written =
    changed.length === 0
      ? undefined
      : tx.execute(sql`
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
  const crossings: Crossing[] = [];
  for (const { pair, t } of transitions) {
    const base = { pointId: pair.point.id, ruleId: pair.rule.id, level: pair.rule.level };
    const observedAt = new Date(t.at).toISOString();
    const drill = pair.point.drillRunId
      ? { exercise: true, drillRunId: pair.point.drillRunId }
      : { exercise: false };
    if (t.kind === 'cleared') {
      e.events.push({
        type: 'monitoring.threshold.cleared',
        actor: 'system',
        ...drill,
        data: { ...base, observedAt },
      });
      continue;
    }
    e.events.push({
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
    });
    crossings.push({ rule: pair.rule, point: pair.point, at: observedAt, value: t.value });
  }
  // The states and the proposals' first statements go out together (one round trip).
  const [, proposals] = await Promise.all([written, proposeFromCrossings(d, tx, crossings)]);
  e.events.push(...proposals);
  return crossings.length;
}
