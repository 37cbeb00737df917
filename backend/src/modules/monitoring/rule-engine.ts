import type { RuleStateName, TThresholdRule } from '@muster/contracts';

/** The parts of a rule the state machine reads. */
export type RuleSpec = Pick<
  TThresholdRule,
  'trigger' | 'threshold' | 'sustainS' | 'rateWindowS' | 'hysteresis' | 'clearAfterS'
>;

/** A rule's state at one point; times are epoch milliseconds of reading timestamps. */
export interface EngineState {
  state: RuleStateName;
  /** When the current state began (pending: first value above; clearing: first value below). */
  since: number | null;
  /** The newest reading the rule has evaluated: anything not newer is late. */
  lastObservedAt: number | null;
  /** Rate rules: `[bucketStart, minimum]` over the window, oldest first. */
  buckets: [number, number][];
}

export type Transition =
  | { kind: 'crossed'; at: number; value: number; measure: number }
  | { kind: 'cleared'; at: number; value: number };

export const INITIAL_STATE: EngineState = {
  state: 'normal',
  since: null,
  lastObservedAt: null,
  buckets: [],
};

/** A rate window is kept as twenty buckets of minima: bounded memory whatever the reading rate. */
const BUCKETS_PER_WINDOW = 20;

function rise(rule: RuleSpec, buckets: [number, number][], t: number, v: number) {
  const windowMs = (rule.rateWindowS ?? 0) * 1000;
  const size = Math.max(1000, Math.floor(windowMs / BUCKETS_PER_WINDOW));
  const start = Math.floor(t / size) * size;
  const kept = buckets.filter(([b]) => b + size > t - windowMs);
  const last = kept[kept.length - 1];
  if (last && last[0] === start) last[1] = Math.min(last[1], v);
  else kept.push([start, v]);
  kept.sort((a, b) => a[0] - b[0]);
  const min = Math.min(...kept.map(([, m]) => m));
  return { buckets: kept, measure: v - min };
}

/**
 * Feeds one reading to a rule's state machine, on the reading's own timestamp (never the wall
 * clock), so evaluation is the same live, replayed or in a test:
 *
 * normal → pending when the measure (the value, or its rise over the rate window) reaches the
 * threshold; pending → active after `sustainS` above (a silence longer than `maxGapMs` restarts
 * the count); active → clearing below `threshold − hysteresis`; clearing → normal after
 * `clearAfterS` below, or back to active if it rises again — so a value hovering at the line
 * fires once. A reading not newer than the last evaluated one is late: it changes nothing.
 */
export function step(
  rule: RuleSpec,
  prev: EngineState,
  t: number,
  v: number,
  maxGapMs: number,
): { next: EngineState; transition?: Transition; late: boolean } {
  if (prev.lastObservedAt !== null && t <= prev.lastObservedAt) return { next: prev, late: true };
  let buckets = prev.buckets;
  let measure = v;
  if (rule.trigger === 'rate')
    ({ buckets, measure } = rise(
      rule,
      [...prev.buckets.map((b) => [...b] as [number, number])],
      t,
      v,
    ));
  const gap = prev.lastObservedAt !== null && t - prev.lastObservedAt > maxGapMs;
  const above = measure >= rule.threshold;
  const belowClear = measure < rule.threshold - rule.hysteresis;
  const base = { lastObservedAt: t, buckets };
  const to = (state: RuleStateName, since: number | null): EngineState => ({
    ...base,
    state,
    since,
  });
  switch (prev.state) {
    case 'normal':
    case 'pending': {
      if (!above) return { next: to('normal', null), late: false };
      const since = prev.state === 'pending' && !gap ? (prev.since ?? t) : t;
      if (t - since >= rule.sustainS * 1000)
        return {
          next: to('active', t),
          transition: { kind: 'crossed', at: t, value: v, measure },
          late: false,
        };
      return { next: to('pending', since), late: false };
    }
    case 'active':
    case 'clearing': {
      if (!belowClear)
        return { next: to('active', prev.state === 'active' ? prev.since : t), late: false };
      const since = prev.state === 'clearing' && !gap ? (prev.since ?? t) : t;
      if (t - since >= rule.clearAfterS * 1000)
        return {
          next: to('normal', null),
          transition: { kind: 'cleared', at: t, value: v },
          late: false,
        };
      return { next: to('clearing', since), late: false };
    }
  }
}
