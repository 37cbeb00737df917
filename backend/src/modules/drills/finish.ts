import { eq } from 'drizzle-orm';
import type { DrillsDeps } from './deps.ts';
import { drillRuns } from './tables.ts';
import { loadRun } from './views.ts';
import { participantsOf } from './after-action.ts';
import { recordFindings } from './findings.ts';
import { logInterrupted } from './leases.ts';

/** China-time calendar day of an instant. */
const chinaDay = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Ends a run (played to its end, or stopped): its clock stops where it is, its state and the
 * `drills.run.finished` event commit together. That event has the drill's personal information
 * destroyed like an incident's at its close, and the real teams' joint drills recorded.
 */
export async function finishRun(
  d: DrillsDeps,
  runId: string,
  outcome: 'completed' | 'stopped',
): Promise<void> {
  const done = await d.db.transaction(async (tx) => {
    const run = await loadRun(tx, runId, true);
    if (run.status === 'completed' || run.status === 'stopped') return false;
    // Stopped while no live process plays it: the step its last player left in flight is logged.
    await logInterrupted(tx, run, { onlyIfUnplayed: true });
    const simEnd = await d.runClocks.now(runId, tx);
    await d.runClocks.pause(tx, runId);
    const now = d.clock.now();
    await tx
      .update(drillRuns)
      .set({ status: outcome, simEnd, finishedAt: now })
      .where(eq(drillRuns.id, runId));
    await d.outbox.append(tx, [
      {
        type: 'drills.run.finished',
        actor: run.startedBy ?? 'system',
        exercise: true,
        drillRunId: runId,
        ...(run.incidentId ? { incidentId: run.incidentId } : {}),
        data: {
          runId,
          name: run.name,
          outcome,
          incidentId: run.incidentId,
          simEnd: simEnd.toISOString(),
          heldOn: chinaDay(simEnd),
          participants: await participantsOf(tx, run),
        },
      },
    ]);
    return true;
  });
  await d.clockView.refresh();
  if (done) void recordFindings(d, runId);
}
