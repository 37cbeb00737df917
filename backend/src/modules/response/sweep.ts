import { and, asc, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { REPORT_KIND_LABELS, type ReportKind } from '@muster/contracts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { ResponseDeps } from './deps.ts';
import { drillFields, recordNow } from './record-clock.ts';
import { appendTimeline } from './timeline.ts';
import { beijing } from './format.ts';
import { responseDeadlines } from './tables.ts';

/** Deadlines raised per transaction: a backlog after an outage is worked off in slices. */
const BATCH = 200;

/**
 * Raises each report that has fallen overdue, once (`alarmed_at`): a `response.report.overdue`
 * event and a timeline line in one transaction. Rows are claimed with SKIP LOCKED, so several
 * instances share the work; a second run finds nothing left. A drill run with a simulated clock
 * is judged by its own time (`recordNow`).
 */
export function overdueReportsSweep(d: ResponseDeps): Sweep {
  return {
    name: 'response.overdue-reports',
    async run(now) {
      let raised = 0;
      for (;;) {
        const n = await d.db.transaction(async (tx) => {
          const due = lt(responseDeadlines.dueAt, now);
          const rows = await tx
            .select()
            .from(responseDeadlines)
            .where(
              and(
                isNull(responseDeadlines.satisfiedAt),
                isNull(responseDeadlines.alarmedAt),
                isNull(responseDeadlines.cancelledAt),
                d.drillClock ? or(due, isNotNull(responseDeadlines.drillRunId)) : due,
              ),
            )
            .orderBy(asc(responseDeadlines.dueAt))
            .limit(BATCH)
            .for('update', { skipLocked: true });
          const overdue = rows.filter((r) => !r.drillRunId || r.dueAt < recordNow(d, r));
          for (const r of overdue) {
            const at = recordNow(d, r);
            await tx
              .update(responseDeadlines)
              .set({ alarmedAt: at })
              .where(eq(responseDeadlines.id, r.id));
            const label = REPORT_KIND_LABELS[r.kind as ReportKind];
            const nth = r.kind === 'follow_up' ? `第 ${r.sequence} 次` : '';
            await appendTimeline(tx, [
              {
                exercise: r.exercise,
                drillRunId: r.drillRunId,
                incidentId: r.incidentId,
                at,
                kind: 'report.overdue',
                source: 'response',
                actor: 'system',
                zh: `${nth}${label.zh}已超时（应于 ${beijing(r.dueAt)} 前报送）`,
                en: `${label.en}${r.kind === 'follow_up' ? ` #${r.sequence}` : ''} overdue (due ${beijing(r.dueAt)} Beijing time)`,
                data: { deadlineId: r.id, kind: r.kind, sequence: r.sequence },
              },
            ]);
            await d.outbox.append(tx, [
              {
                type: 'response.report.overdue',
                actor: 'system',
                ...drillFields({
                  id: r.incidentId,
                  exercise: r.exercise,
                  drillRunId: r.drillRunId,
                }),
                data: {
                  incidentId: r.incidentId,
                  deadlineId: r.id,
                  kind: r.kind as ReportKind,
                  sequence: r.sequence,
                  dueAt: r.dueAt.toISOString(),
                },
              },
            ]);
          }
          return { overdue: overdue.length, full: rows.length === BATCH };
        });
        raised += n.overdue;
        if (!n.full || n.overdue === 0) return raised;
      }
    },
  };
}
