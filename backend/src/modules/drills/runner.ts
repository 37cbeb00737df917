import { eq } from 'drizzle-orm';
import { failureCode, InjectFailed } from './api-client.ts';
import type { DrillsDeps } from './deps.ts';
import { perform } from './injects.ts';
import { hashOf, seeded } from './random.ts';
import { stepsOf } from './timeline.ts';
import { drillInjectLog, drillRuns, PREPARING } from './tables.ts';
import { loadRun } from './views.ts';
import { finishRun } from './finish.ts';
import { claimRuns, logInterrupted, markInFlight, releaseLease, renewLeases } from './leases.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a step waits for another module's read model to catch up (409/404), in real ms. */
const CATCH_UP_MS = 5000;
/** Runs taken over per sweep, at most (the rest wait for the next one). */
const CLAIM_BATCH = 20;

type Outcome = 'again' | 'done' | 'lost';

/**
 * Plays runs in this process. Every step, and every pause, resume, stop or change of speed,
 * runs through one queue per run, so a step never interleaves with a change of the clock.
 *
 * A run is played by the one process holding its lease (`leases.ts`): the process that starts
 * it, then, once that lease lapses, whichever process takes it over from a sweep. A step is
 * marked in flight before its first API call; a player taking a run over logs a step it finds
 * in flight `interrupted` rather than performing it a second time.
 */
export interface Runner {
  /** Holds the lease of a run this process has just created, while it prepares it. */
  adopt(runId: string): void;
  play(runId: string, tokens: Map<string, string>): void;
  /** Runs `fn` in the run's queue (after the step in flight). */
  serial<T>(runId: string, fn: () => Promise<T>): Promise<T>;
  /** Renews this process's leases and takes over runs nobody plays, every third of a lease. */
  start(): void;
  /** Renews and takes over once now (tests). */
  sweep(): Promise<void>;
  /** Waits for every loop to end, then gives up the leases (shutdown, tests). */
  stop(): Promise<void>;
}

export function createRunner(d: DrillsDeps): Runner {
  const queues = new Map<string, Promise<unknown>>();
  const loops = new Set<Promise<void>>();
  /** Runs whose lease this process holds; a run taken from it leaves this set at once. */
  const held = new Set<string>();
  /** Runs this process has a loop for, and runs it is preparing (started here, not yet played). */
  const playing = new Set<string>();
  const preparing = new Set<string>();
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> = Promise.resolve();

  const serial = <T>(runId: string, fn: () => Promise<T>): Promise<T> => {
    const prev = queues.get(runId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    queues.set(
      runId,
      next.catch(() => undefined),
    );
    return next;
  };

  /**
   * First thing a player does with a run: a step left in flight by the previous player is logged
   * `interrupted` (its clock was held at the step's time and goes on from there); a run left
   * while preparing ends, stopped; a running run's clock held by a player that stopped runs again.
   */
  async function recover(runId: string): Promise<Outcome> {
    const run = await loadRun(d.db, runId);
    if (run.status === 'completed' || run.status === 'stopped') return 'done';
    if (run.inFlight === PREPARING) {
      d.logger.warn({ runId }, 'drill run left while preparing: stopped');
      await finishRun(d, runId, 'stopped');
      return 'done';
    }
    const lost = await d.db.transaction(async (tx) => {
      const cur = await loadRun(tx, runId, true);
      if (cur.playerId !== d.player.id) return true;
      const seq = await logInterrupted(tx, cur, { onlyIfUnplayed: false });
      if (seq !== undefined) d.logger.warn({ runId, seq }, 'drill step interrupted');
      if (cur.status === 'running') await d.runClocks.resume(tx, runId);
      return false;
    });
    await d.clockView.refresh();
    return lost ? 'lost' : 'again';
  }

  async function step(runId: string, tokens: Map<string, string>): Promise<Outcome> {
    if (!held.has(runId)) return 'lost';
    const run = await loadRun(d.db, runId);
    if (run.status === 'completed' || run.status === 'stopped') return 'done';
    if (run.playerId !== d.player.id) return 'lost';
    if (run.status === 'paused') {
      await sleep(250);
      return 'again';
    }
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
    // Marked in flight in the same transaction, before anything of it is performed.
    const marked = await d.db.transaction(async (tx) => {
      if (!(await markInFlight(tx, d, runId, st.seq))) return false;
      await d.runClocks.holdAt(tx, runId, target);
      return true;
    });
    if (!marked) {
      // Paused or stopped meanwhile, or the lease is being taken: the next round tells.
      await sleep(100);
      return 'again';
    }
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
    const recorded = await d.db.transaction(async (tx) => {
      const cur = await loadRun(tx, runId, true);
      // Taken over while this step was performed: the new player has logged it interrupted.
      if (cur.playerId !== d.player.id || cur.inFlight !== st.seq) return false;
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
        .set({ nextInject: st.seq + 1, cast: run.cast, incidentId, inFlight: null })
        .where(eq(drillRuns.id, runId));
      if (cur.status === 'running' && st.inject.kind !== 'end') await d.runClocks.resume(tx, runId);
      return true;
    });
    if (!recorded) {
      d.logger.warn({ runId, seq: st.seq }, 'drill run taken over during a step: not logged here');
      return 'lost';
    }
    await d.clockView.refresh();
    if (st.inject.kind === 'end') {
      await finishRun(d, runId, 'completed');
      return 'done';
    }
    return 'again';
  }

  function play(runId: string, tokens: Map<string, string>, recovering: boolean): void {
    preparing.delete(runId);
    if (playing.has(runId)) return;
    playing.add(runId);
    held.add(runId);
    const loop = (async () => {
      let needsRecovery = recovering;
      while (!stopping) {
        try {
          const r = await serial(runId, () =>
            needsRecovery ? recover(runId) : step(runId, tokens),
          );
          needsRecovery = false;
          if (r === 'again') continue;
          if (r === 'lost') d.logger.warn({ runId }, 'drill run lease lost: no longer played here');
          held.delete(runId);
          if (r === 'done') await releaseLease(d.db, d, runId);
          return;
        } catch (err) {
          d.logger.error({ err, runId }, 'drill runner failed; retrying');
          await sleep(500);
        }
      }
    })();
    loops.add(loop);
    void loop.finally(() => {
      loops.delete(loop);
      playing.delete(runId);
    });
  }

  async function sweepOnce(): Promise<void> {
    if (stopping) return;
    const mine = [...held];
    const kept = await renewLeases(d, mine);
    for (const id of mine)
      if (!kept.has(id)) {
        held.delete(id);
        preparing.delete(id);
      }
    if (stopping) return;
    for (const id of await claimRuns(d, CLAIM_BATCH)) {
      // Ours already (its lease had lapsed, as a stalled process's may): renewed from now on.
      if (playing.has(id) || preparing.has(id)) {
        held.add(id);
        continue;
      }
      d.logger.info({ runId: id }, 'drill run taken over');
      play(id, new Map(), true);
    }
  }
  const sweep = () => {
    const p = sweeping.then(sweepOnce);
    sweeping = p.catch((err: unknown) => d.logger.error({ err }, 'drill lease sweep failed'));
    return p;
  };

  return {
    adopt(runId) {
      held.add(runId);
      preparing.add(runId);
    },
    play: (runId, tokens) => play(runId, tokens, false),
    serial,
    start() {
      void sweep().catch(() => undefined);
      timer = setInterval(
        () => void sweep().catch(() => undefined),
        Math.max(100, Math.floor(d.player.leaseMs / 3)),
      );
      timer.unref();
    },
    sweep,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await sweeping;
      await Promise.all([...loops]);
      // Handed back at once, clock held: another process goes on from here without a gap.
      for (const runId of held) {
        await d.db.transaction(async (tx) => {
          const run = await loadRun(tx, runId, true);
          // One still preparing is its starter's to finish; its lease lapses if that never happens.
          if (run.playerId !== d.player.id || run.inFlight === PREPARING) return;
          if (run.status === 'running') await d.runClocks.pause(tx, runId);
          await releaseLease(tx, d, runId);
        });
      }
      held.clear();
    },
  };
}
