import { asc, eq } from 'drizzle-orm';
import { AppError, type TDrillRun, type TInjectLogEntry } from '@muster/contracts';
import type { Db, Executor } from '../../platform/db/client.ts';
import type { RunClocks } from '../../platform/sim-clock.ts';
import { accounts } from '../../platform/access/tables.ts';
import { stepsOf } from './timeline.ts';
import { drillInjectLog, drillRuns } from './tables.ts';

export type RunRow = typeof drillRuns.$inferSelect;

export async function loadRun(db: Executor, id: string, lock = false): Promise<RunRow> {
  const q = db.select().from(drillRuns).where(eq(drillRuns.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('drills.run_not_found', id);
  return row;
}

export async function runView(
  db: Db,
  clocks: RunClocks,
  r: RunRow,
): Promise<TDrillRun & { log: TInjectLogEntry[] }> {
  const log = await db
    .select()
    .from(drillInjectLog)
    .where(eq(drillInjectLog.runId, r.id))
    .orderBy(asc(drillInjectLog.seq));
  const [starter] = r.startedBy
    ? await db
        .select({ id: accounts.id, name: accounts.displayName })
        .from(accounts)
        .where(eq(accounts.id, r.startedBy))
    : [];
  const steps = stepsOf(r.scenario);
  const simNow = r.simEnd ?? (await clocks.now(r.id));
  return {
    id: r.id,
    name: r.name,
    status: r.status as TDrillRun['status'],
    speed: r.speed,
    simStart: r.simStart.toISOString(),
    simNow: simNow.toISOString(),
    durationS: Math.max(0, ...steps.map((s) => s.offsetS)),
    incidentId: r.incidentId,
    injects: {
      total: steps.length,
      done: log.filter((l) => l.outcome === 'done').length,
      failed: log.filter((l) => l.outcome === 'failed').length,
      interrupted: log.filter((l) => l.outcome === 'interrupted').length,
    },
    startedAt: r.startedAt.toISOString(),
    startedBy: starter ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    removedAt: r.removedAt?.toISOString() ?? null,
    exercise: true,
    log: log.map((l) => ({
      seq: l.seq,
      kind: l.kind,
      offsetS: l.offsetS,
      at: l.at.toISOString(),
      outcome: l.outcome as TInjectLogEntry['outcome'],
      detail: l.detail,
    })),
  };
}
