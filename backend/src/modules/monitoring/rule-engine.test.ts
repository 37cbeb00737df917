import { describe, expect, it } from 'vitest';
import {
  INITIAL_STATE,
  step,
  type EngineState,
  type RuleSpec,
  type Transition,
} from './rule-engine.ts';

const T0 = Date.parse('2025-07-01T00:00:00+08:00');
const min = (n: number) => T0 + n * 60_000;
const GAP = 30 * 60_000;

/** Feeds readings `[minute, value]` in the order given; returns the transitions and the state. */
function run(rule: RuleSpec, readings: [number, number][], from: EngineState = INITIAL_STATE) {
  let s = from;
  const out: Transition[] = [];
  let late = 0;
  for (const [m, v] of readings) {
    const r = step(rule, s, min(m), v, GAP);
    s = r.next;
    if (r.transition) out.push(r.transition);
    if (r.late) late++;
  }
  return { s, out, late };
}

const sustained: RuleSpec = {
  trigger: 'sustained',
  threshold: 100,
  sustainS: 600,
  rateWindowS: null,
  hysteresis: 5,
  clearAfterS: 900,
};

describe('threshold rule state machine (reading timestamps, no wall clock)', () => {
  it('crosses only after the value has stayed at or above the threshold for the sustain time', () => {
    const short = run(sustained, [
      [0, 101],
      [5, 104],
      [9, 99],
    ]);
    expect(short.out).toEqual([]);
    expect(short.s.state).toBe('normal');
    const held = run(sustained, [
      [0, 100],
      [5, 103],
      [9, 104],
      [10, 102],
    ]);
    expect(held.out).toEqual([{ kind: 'crossed', at: min(10), value: 102, measure: 102 }]);
    expect(held.s.state).toBe('active');
  });

  it('clears only below threshold − hysteresis held for the clear time', () => {
    const active = run(sustained, [
      [0, 100],
      [10, 100],
    ]).s;
    // 97 is under the line but inside the band: still active.
    expect(
      run(
        sustained,
        [
          [11, 97],
          [40, 96],
        ],
        active,
      ).out,
    ).toEqual([]);
    const cleared = run(
      sustained,
      [
        [11, 94],
        [20, 90],
        [26, 92],
      ],
      active,
    );
    expect(cleared.out).toEqual([{ kind: 'cleared', at: min(26), value: 92 }]);
    expect(cleared.s.state).toBe('normal');
  });

  it('fires once for a value flapping around the line', () => {
    const readings: [number, number][] = [];
    for (let i = 0; i < 120; i++) readings.push([i, i % 2 === 0 ? 103 : 94]);
    const r = run({ ...sustained, sustainS: 0 }, readings);
    // Dips below the band never last the 15 minutes clearing needs.
    expect(r.out.filter((t) => t.kind === 'crossed')).toHaveLength(1);
    expect(r.out.filter((t) => t.kind === 'cleared')).toHaveLength(0);
  });

  it('ignores late readings: older than what was evaluated, they change nothing', () => {
    const r = run(sustained, [
      [0, 101],
      [12, 102],
      [3, 50],
      [12, 50],
    ]);
    expect(r.late).toBe(2);
    expect(r.out.map((t) => t.kind)).toEqual(['crossed']);
    expect(r.s.state).toBe('active');
  });

  it('restarts the sustain count after a silence longer than three heartbeats', () => {
    const r = run(sustained, [
      [0, 101],
      [45, 101],
      [50, 101],
    ]);
    expect(r.out).toEqual([]);
    expect(r.s.state).toBe('pending');
    expect(r.s.since).toBe(min(45));
  });

  it('a rate rule crosses when the value rises by the threshold within its window', () => {
    const rate: RuleSpec = {
      trigger: 'rate',
      threshold: 1,
      sustainS: 0,
      rateWindowS: 3600,
      hysteresis: 0.2,
      clearAfterS: 0,
    };
    // +0.5 m over an hour: not fast enough.
    const slow = run(rate, [
      [0, 190],
      [30, 190.25],
      [60, 190.5],
    ]);
    expect(slow.out).toEqual([]);
    const fast = run(rate, [
      [0, 190],
      [10, 190.4],
      [20, 190.8],
      [25, 191.1],
    ]);
    expect(fast.out).toHaveLength(1);
    expect(fast.out[0]).toMatchObject({ kind: 'crossed', at: min(25) });
    expect((fast.out[0] as { measure: number }).measure).toBeCloseTo(1.1);
    // The rise ages out of the window: the level holds, the rate clears.
    const later = run(
      rate,
      [
        [100, 191.1],
        [130, 191.1],
      ],
      fast.s,
    );
    expect(later.out.map((t) => t.kind)).toEqual(['cleared']);
    expect(later.s.buckets.length).toBeLessThanOrEqual(21);
  });
});
