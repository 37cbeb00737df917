import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { DrillsDeps } from './deps.ts';
import { drillInjectLog, drillRuns } from './tables.ts';
import { stepsOf } from './timeline.ts';
import type { RunRow } from './views.ts';

/*
 * Leases say which process plays a run. They are judged by the database's clock (`now()`), the one
 * clock every process shares, and never by a process's own: a lease is about processes, not about
 * the drill's simulated time.
 */

const until = (ms: number) => sql`now() + ${ms} * interval '1 millisecond'`;

/** Running or paused runs whose lease lapsed or that never had one. */
const unplayed = and(
  inArray(drillRuns.status, ['running', 'paused']),
  or(isNull(drillRuns.leaseUntil), lt(drillRuns.leaseUntil, sql`now()`)),
);

/**
 * Takes up to `max` runs nobody plays. Each is claimed by one process only: rows another claimer
 * holds are skipped, and the claim re-checks the lapse on the row it locks.
 */
export async function claimRuns(d: DrillsDeps, max: number): Promise<string[]> {
  const free = d.db
    .select({ id: drillRuns.id })
    .from(drillRuns)
    .where(unplayed)
    .orderBy(drillRuns.startedAt)
    .limit(max)
    .for('update', { skipLocked: true });
  const rows = await d.db
    .update(drillRuns)
    .set({ playerId: d.player.id, leaseUntil: until(d.player.leaseMs) })
    .where(and(inArray(drillRuns.id, free), unplayed))
    .returning({ id: drillRuns.id });
  return rows.map((r) => r.id);
}

/** Extends this process's leases of `runIds`; returns those it still holds. */
export async function renewLeases(d: DrillsDeps, runIds: string[]): Promise<Set<string>> {
  if (runIds.length === 0) return new Set();
  const rows = await d.db
    .update(drillRuns)
    .set({ leaseUntil: until(d.player.leaseMs) })
    .where(
      and(
        inArray(drillRuns.id, runIds),
        eq(drillRuns.playerId, d.player.id),
        inArray(drillRuns.status, ['running', 'paused']),
      ),
    )
    .returning({ id: drillRuns.id });
  return new Set(rows.map((r) => r.id));
}

/**
 * Marks the step about to be performed as in flight, if this process still holds the run's lease
 * (renewed here) and the run is running at that step. Locks the run until `tx` ends.
 */
export async function markInFlight(
  tx: Executor,
  d: DrillsDeps,
  runId: string,
  seq: number,
): Promise<boolean> {
  const rows = await tx
    .update(drillRuns)
    .set({ inFlight: seq, leaseUntil: until(d.player.leaseMs) })
    .where(
      and(
        eq(drillRuns.id, runId),
        eq(drillRuns.playerId, d.player.id),
        sql`${drillRuns.leaseUntil} > now()`,
        eq(drillRuns.status, 'running'),
        eq(drillRuns.nextInject, seq),
      ),
    )
    .returning({ id: drillRuns.id });
  return rows.length === 1;
}

/** Gives up this process's lease of a run (finished, lost, or the process is stopping). */
export async function releaseLease(tx: Executor, d: DrillsDeps, runId: string): Promise<void> {
  await tx
    .update(drillRuns)
    .set({ playerId: null, leaseUntil: null })
    .where(and(eq(drillRuns.id, runId), eq(drillRuns.playerId, d.player.id)));
}

/**
 * Logs the step a player left in flight as `interrupted` and moves the run past it, unless a live
 * player still holds the run (`onlyIfUnplayed`: its lease has not lapsed). `run` is locked by `tx`.
 */
export async function logInterrupted(
  tx: Executor,
  run: RunRow,
  o: { onlyIfUnplayed: boolean },
): Promise<number | undefined> {
  const st = run.inFlight === null ? undefined : stepsOf(run.scenario)[run.inFlight];
  if (!st) return undefined;
  const rows = await tx
    .update(drillRuns)
    .set({ nextInject: st.seq + 1, inFlight: null })
    .where(
      and(
        eq(drillRuns.id, run.id),
        eq(drillRuns.inFlight, st.seq),
        o.onlyIfUnplayed
          ? or(isNull(drillRuns.leaseUntil), lt(drillRuns.leaseUntil, sql`now()`))
          : undefined,
      ),
    )
    .returning({ id: drillRuns.id });
  if (rows.length === 0) return undefined;
  await tx
    .insert(drillInjectLog)
    .values({
      runId: run.id,
      seq: st.seq,
      kind: st.inject.kind,
      offsetS: st.offsetS,
      at: new Date(run.simStart.getTime() + st.offsetS * 1000),
      outcome: 'interrupted',
      detail: 'drills.step_interrupted',
    })
    .onConflictDoNothing();
  return st.seq;
}
