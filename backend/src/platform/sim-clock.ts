import { eq, sql } from 'drizzle-orm';
import type { Executor } from './db/client.ts';
import type { Clock } from './clock.ts';
import { simClocks } from './db/tables.ts';

/**
 * One simulated clock per drill run, shared by every module (issue 9): a drill at ten times speed
 * makes a one-hour report deadline fall due after six real minutes, in every module at once.
 * Records of a drill carry its run id; their time is `now(runId)`; records of no drill get the
 * real (injected) clock. In SQL the same rule is `muster_sim_now(drill_run_id, $now)`.
 */
export interface RunClocks {
  /** Now for a record of this drill run (its simulated time), or the real now without one. */
  now(runId?: string | null, tx?: Executor): Promise<Date>;
  /** A `Clock` for one run, for code that takes a clock (reads the run's time at each call). */
  forRun(runId: string): { now(): Promise<Date> };
  /** Starts a run's clock at `simStart`, running `speed` times faster than real time. */
  start(tx: Executor, runId: string, o: { speed: number; simStart: Date }): Promise<void>;
  pause(tx: Executor, runId: string): Promise<void>;
  /** Stops a run's clock at exactly `sim` (a drill runner performing a step at its time). */
  holdAt(tx: Executor, runId: string, sim: Date): Promise<void>;
  resume(tx: Executor, runId: string): Promise<void>;
  setSpeed(tx: Executor, runId: string, speed: number): Promise<void>;
}

type Row = typeof simClocks.$inferSelect;

/** The simulated time of a clock row at a real instant. */
export function simTimeAt(
  row: Pick<Row, 'speed' | 'simAnchor' | 'realAnchor' | 'paused'>,
  real: Date,
): Date {
  if (row.paused) return row.simAnchor;
  return new Date(
    row.simAnchor.getTime() + (real.getTime() - row.realAnchor.getTime()) * row.speed,
  );
}

export function createRunClocks(o: { db: Executor; clock: Clock }): RunClocks {
  async function row(ex: Executor, runId: string, lock = false): Promise<Row | undefined> {
    const q = ex.select().from(simClocks).where(eq(simClocks.runId, runId));
    const [r] = lock ? await q.for('update') : await q;
    return r;
  }
  /** Re-anchors the clock at the real now, so a change of pace never jumps its time. */
  async function reanchor(
    tx: Executor,
    runId: string,
    change: Partial<Pick<Row, 'speed' | 'paused'>>,
  ): Promise<void> {
    const r = await row(tx, runId, true);
    if (!r) throw new Error(`no clock for drill run ${runId}`);
    const real = o.clock.now();
    await tx
      .update(simClocks)
      .set({ simAnchor: simTimeAt(r, real), realAnchor: real, updatedAt: real, ...change })
      .where(eq(simClocks.runId, runId));
  }
  const now = async (runId?: string | null, tx?: Executor): Promise<Date> => {
    const real = o.clock.now();
    if (!runId) return real;
    const r = await row(tx ?? o.db, runId);
    return r ? simTimeAt(r, real) : real;
  };
  return {
    now,
    forRun: (runId) => ({ now: () => now(runId) }),
    async start(tx, runId, s) {
      if (!(s.speed > 0)) throw new Error('a drill clock runs forward: speed must be > 0');
      const real = o.clock.now();
      await tx
        .insert(simClocks)
        .values({
          runId,
          speed: s.speed,
          simAnchor: s.simStart,
          realAnchor: real,
          paused: false,
          updatedAt: real,
        })
        .onConflictDoNothing();
    },
    pause: (tx, runId) => reanchor(tx, runId, { paused: true }),
    async holdAt(tx, runId, sim) {
      const real = o.clock.now();
      await tx
        .update(simClocks)
        .set({ simAnchor: sim, realAnchor: real, paused: true, updatedAt: real })
        .where(eq(simClocks.runId, runId));
    },
    resume: async (tx, runId) => {
      // Paused: the anchor already holds the paused time; resuming only moves the real anchor.
      const real = o.clock.now();
      await tx
        .update(simClocks)
        .set({ realAnchor: real, paused: false, updatedAt: real })
        .where(sql`${simClocks.runId} = ${runId} and ${simClocks.paused}`);
    },
    setSpeed: (tx, runId, speed) => {
      if (!(speed > 0)) throw new Error('a drill clock runs forward: speed must be > 0');
      return reanchor(tx, runId, { speed });
    },
  };
}

/**
 * The drill clocks as the modules read them: synchronously, from rows kept in memory. Records
 * are stamped inside code that takes a `Date` at once (deadlines, answers), so the rows are
 * reloaded every `everyMs` and at once after a change in this process (`refresh`); another
 * process sees a pause or a change of speed within one reload.
 */
export interface RunClockView {
  /** The simulated now of a run, or undefined when no clock runs for it. */
  at(runId: string): Date | undefined;
  refresh(): Promise<void>;
  start(everyMs?: number): void;
  stop(): void;
}

export function createRunClockView(o: { db: Executor; clock: Clock }): RunClockView {
  let rows = new Map<string, Row>();
  let timer: NodeJS.Timeout | undefined;
  const refresh = async () => {
    const all = await o.db.select().from(simClocks);
    rows = new Map(all.map((r) => [r.runId, r]));
  };
  return {
    at(runId) {
      const r = rows.get(runId);
      return r ? simTimeAt(r, o.clock.now()) : undefined;
    },
    refresh,
    start(everyMs = 250) {
      const tick = () => {
        timer = setTimeout(() => {
          refresh().then(tick, tick);
        }, everyMs);
        timer.unref();
      };
      void refresh().then(tick, tick);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
