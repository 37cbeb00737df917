import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import { failureReason } from './bus/consumer.ts';

/**
 * Work that falls due with time rather than with an event: an acknowledgement deadline passing,
 * a report becoming overdue, a warning expiring, a requisitioned boat not back on time. A module
 * hands the composition root its sweeps; the runner (consumers role) calls each on a short
 * interval with the injected clock's `now`.
 *
 * A sweep finds what is due in its own tables and acts on it in its own transactions, with the
 * events it causes in the same transaction (outbox). It must be safe on several instances at
 * once (claim rows with `FOR UPDATE SKIP LOCKED`, or make the state change conditional) and safe
 * to run again (a second run finds nothing left to do).
 */
export interface Sweep {
  /** `<module>.<what>`, e.g. `forces.ack-deadlines`. */
  name: string;
  /** Does what is due at `now`; returns how many items it acted on. */
  run(now: Date): Promise<number>;
}

export interface SweepRunner {
  /** Runs every sweep once now (tests call this after moving the clock); counts per sweep. */
  runNow(): Promise<Record<string, number>>;
  start(everyMs: number): void;
  stop(): Promise<void>;
}

export function createSweepRunner(o: {
  sweeps: readonly Sweep[];
  clock: Clock;
  logger: Logger;
}): SweepRunner {
  let timer: NodeJS.Timeout | undefined;
  // Rounds run one after another in a process: a manual run waits for the round in progress.
  let chain: Promise<unknown> = Promise.resolve();
  let busy = false;

  async function runNow(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const s of o.sweeps) {
      try {
        counts[s.name] = await s.run(o.clock.now());
      } catch (err) {
        // One failing sweep must not stop the others; it is tried again on the next round.
        counts[s.name] = 0;
        o.logger.error({ sweep: s.name, reason: failureReason(err) }, 'sweep failed');
      }
    }
    return counts;
  }

  const serialised = (): Promise<Record<string, number>> => {
    const p = chain.then(async () => {
      busy = true;
      try {
        return await runNow();
      } finally {
        busy = false;
      }
    });
    chain = p.catch(() => undefined);
    return p;
  };

  return {
    runNow: serialised,
    start(everyMs) {
      timer = setInterval(() => {
        if (!busy) void serialised();
      }, everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await chain;
    },
  };
}
