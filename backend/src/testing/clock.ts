import type { Clock } from '../platform/clock.ts';

/** A clock a test moves by hand, to reach expiries and deadlines without waiting. */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export function movableClock(start: Date = new Date()): MovableClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
  };
}
