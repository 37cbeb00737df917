import { eq } from 'drizzle-orm';
import { failureCode, InjectFailed } from './api-client.ts';
import type { DrillsDeps } from './deps.ts';
import { perform } from './injects.ts';
import { hashOf, seeded } from './random.ts';
import { stepsOf } from './timeline.ts';
import { drillInjectLog, drillRuns } from './tables.ts';
import { loadRun } from './views.ts';
import { finishRun } from './finish.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a step waits for another module's read model to catch up (409/404), in real ms. */
const CATCH_UP_MS = 5000;

/**
 * Plays runs in this process. Every step, and every pause, resume, stop or change of speed,
 * runs through one queue per run, so a step never interleaves with a change of the clock.
 */
export interface Runner {
  play(runId: string, tokens: Map<string, string>): void;
  /** Runs `fn` in the run's queue (after the step in flight). */
  serial<T>(runId: string, fn: () => Promise<T>): Promise<T>;
  /** Waits for every loop to end (shutdown, tests). */
  stop(): Promise<void>;
}

export function createRunner(d: DrillsDeps): Runner {
  const queues = new Map<string, Promise<unknown>>();
  const loops = new Set<Promise<void>>();
  let stopping = false;

  const serial = <T>(runId: string, fn: () => Promise<T>): Promise<T> => {
    const prev = queues.get(runId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    queues.set(
      runId,
      next.catch(() => undefined),
    );
    return next;
  };

  async function step(runId: string, tokens: Map<string, string>): Promise<'again' | 'done'> {
    const run = await loadRun(d.db, runId);
    if (run.status === 'completed' || run.status === 'stopped') return 'done';
    if (run.status === 'paused') return 'again';
    const steps = stepsOf(run.scenario);
    const st = steps[run.nextInject];
    if (!st) {
      await finishRun(d, runId, 'completed');
      return 'done';
    }
    const target = new Date(run.simStart.getTime() + st.offsetS * 1000);
    const now = await d.runClocks.now(runId);
    const wait = (target.getTime() - now.getTime()) / run.speed;
    if (wait > 0) {
      await sleep(Math.min(wait, 250));
      return 'again';
    }
    // Held at the step's exact time: what it records carries that time, whatever the speed.
    await d.db.transaction((tx) => d.runClocks.holdAt(tx, runId, target));
    await d.clockView.refresh();
    const token = async (accountId: string) => {
      const t = tokens.get(accountId) ?? (await d.api.tokenFor(accountId));
      tokens.set(accountId, t);
      return t;
    };
    const random = seeded((run.scenario.seed + st.seq * 7919 + hashOf(st.inject.kind)) >>> 0);
    let outcome: 'done' | 'failed' = 'done';
    let detail = '';
    let incidentId = run.incidentId;
    const started = performance.now();
    for (;;) {
      try {
        const r = await perform(
          {
            runId,
            base: d.api.baseUrl(),
            scenario: run.scenario,
            cast: run.cast,
            incidentId,
            token,
            at: target,
            random,
            ...(st.fix !== undefined ? { fix: st.fix } : {}),
          },
          st.inject,
        );
        detail = r.detail;
        if (r.incidentId) incidentId = r.incidentId;
        break;
      } catch (err) {
        // Another module learns of the drill's incident from events: give it a moment.
        // Too frequent (a device's position rate, in real time): wait; the clock stays held.
        const retry =
          err instanceof InjectFailed &&
          [404, 409, 422, 429].includes(err.status) &&
          performance.now() - started < CATCH_UP_MS;
        if (retry) {
          await sleep(100);
          continue;
        }
        outcome = 'failed';
        detail = failureCode(err);
        d.logger.warn(
          { runId, seq: st.seq, kind: st.inject.kind, code: detail },
          'drill step failed',
        );
        break;
      }
    }
    await d.db.transaction(async (tx) => {
      await tx
        .insert(drillInjectLog)
        .values({
          runId,
          seq: st.seq,
          kind: st.inject.kind,
          offsetS: st.offsetS,
          at: target,
          outcome,
          detail: detail.slice(0, 500),
        })
        .onConflictDoNothing();
      await tx
        .update(drillRuns)
        .set({ nextInject: st.seq + 1, cast: run.cast, incidentId })
        .where(eq(drillRuns.id, runId));
      const cur = await loadRun(tx, runId, true);
      if (cur.status === 'running' && st.inject.kind !== 'end') await d.runClocks.resume(tx, runId);
    });
    await d.clockView.refresh();
    if (st.inject.kind === 'end') {
      await finishRun(d, runId, 'completed');
      return 'done';
    }
    return 'again';
  }

  return {
    play(runId, tokens) {
      const loop = (async () => {
        while (!stopping) {
          try {
            if ((await serial(runId, () => step(runId, tokens))) === 'done') return;
          } catch (err) {
            d.logger.error({ err, runId }, 'drill runner failed; retrying');
            await sleep(500);
          }
        }
      })();
      loops.add(loop);
      void loop.finally(() => loops.delete(loop));
    },
    serial,
    async stop() {
      stopping = true;
      await Promise.all([...loops]);
    },
  };
}
