import { and, eq, gte, lte } from 'drizzle-orm';
import type { TEvaluation, TTimelineEntry, WarningLevel } from '@muster/contracts';
import type { ResponseDeps } from './deps.ts';
import { recordNow } from './record-clock.ts';
import { findIncident, summaryOf, type IncidentRow } from './incident-reader.ts';
import { deadlinesOf } from './deadline-store.ts';
import { deadlineState } from './deadlines.ts';
import { levelStepsOf } from './level-reader.ts';
import { tasksOf, taskView } from './tasks.ts';
import { findingsOf, lossesOf } from './recovery-service.ts';
import { timelineView, wholeTimeline } from './timeline.ts';
import { keyDurations } from './evaluation-durations.ts';
import { callupsFrom, requisitionsFrom } from './evaluation-facts.ts';
import { responseReports, responseWarnings } from './tables.ts';

/** Warnings count as the incident's when it names them, or when they covered its area shortly before. */
const WARNING_LOOKBACK_MS = 72 * 3_600_000;

async function warningsOf(d: ResponseDeps, inc: IncidentRow, until: Date) {
  const rows = await d.db
    .select()
    .from(responseWarnings)
    .where(
      and(
        eq(responseWarnings.exercise, inc.exercise),
        gte(responseWarnings.issuedAt, new Date(inc.awareAt.getTime() - WARNING_LOOKBACK_MS)),
        lte(responseWarnings.issuedAt, until),
      ),
    );
  const linked = inc.warningId
    ? await d.db
        .select()
        .from(responseWarnings)
        .where(eq(responseWarnings.warningId, inc.warningId))
    : [];
  const overlaps = (codes: string[]) =>
    codes.some((w) => inc.areaCodes.some((c) => c.startsWith(w) || w.startsWith(c)));
  const all = [
    ...linked,
    ...rows.filter((w) => w.warningId !== inc.warningId && overlaps(w.areaCodes)),
  ];
  return all
    .filter((w) => w.issuedAt)
    .map((w) => ({
      warningId: w.warningId,
      level: w.level as WarningLevel,
      headline: w.headline,
      issuedAt: w.issuedAt!.toISOString(),
      liftedAt: w.liftedAt?.toISOString() ?? null,
      linked: w.warningId === inc.warningId,
    }));
}

/**
 * The investigation and evaluation (art. 92), assembled from what happened: the office's own
 * records and the other modules' events on the timeline. Anonymous: counts, ids and times.
 */
export async function assembleEvaluation(
  d: ResponseDeps,
  incidentId: string,
): Promise<TEvaluation> {
  const inc = await findIncident(d.db, incidentId);
  const now = recordNow(d, inc);
  const [steps, deadlines, reports, lines, tasks, losses, findings] = await Promise.all([
    levelStepsOf(d.db, incidentId),
    deadlinesOf(d.db, incidentId),
    d.db.select().from(responseReports).where(eq(responseReports.incidentId, incidentId)),
    wholeTimeline(d.db, incidentId),
    tasksOf(d.db, incidentId),
    lossesOf(d.db, incidentId),
    findingsOf(d.db, incidentId),
  ]);
  const warnings = await warningsOf(d, inc, inc.terminatedAt ?? inc.closedAt ?? now);
  const timeline: TTimelineEntry[] = lines.map(timelineView);
  const submitted = reports.filter((r) => r.status === 'submitted');
  const firstReport = submitted
    .filter((r) => !r.corrects)
    .map((r) => r.submittedAt!)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const callups = callupsFrom(timeline);
  const states = deadlines.map((x) => ({ x, ...deadlineState(x, now) }));
  const views = tasks.map((t) => taskView(t, now));
  const departments = [...new Set(views.map((t) => t.departmentId))];
  const warningAt =
    warnings.find((w) => w.linked)?.issuedAt ?? warnings.map((w) => w.issuedAt).sort()[0] ?? null;
  return {
    incident: {
      ...summaryOf(inc, null),
      activatedAt: inc.activatedAt?.toISOString() ?? null,
      terminatedAt: inc.terminatedAt?.toISOString() ?? null,
      closedAt: inc.closedAt?.toISOString() ?? null,
      criteria: inc.criteria,
    },
    generatedAt: now.toISOString(),
    durations: keyDurations({
      awareAt: inc.awareAt.toISOString(),
      firstReportAt: firstReport?.toISOString() ?? null,
      activatedAt: inc.activatedAt?.toISOString() ?? null,
      terminatedAt: inc.terminatedAt?.toISOString() ?? null,
      warningIssuedAt: warningAt,
      callups,
    }),
    levelHistory: steps,
    reports: {
      deadlines: states.map(({ x, status }) => ({
        kind: x.kind as 'initial' | 'follow_up' | 'final',
        sequence: x.sequence,
        dueAt: x.dueAt.toISOString(),
        satisfiedAt: x.satisfiedAt?.toISOString() ?? null,
        status,
        lateSeconds:
          status === 'cancelled' || status === 'pending'
            ? null
            : Math.max(
                0,
                Math.round(((x.satisfiedAt ?? now).getTime() - x.dueAt.getTime()) / 1000),
              ),
      })),
      submitted: submitted.length,
      corrections: submitted.filter((r) => r.corrects).length,
      skipLevel: submitted.filter((r) => r.skipLevel).length,
      onTime: states.filter((s) => s.status === 'met').length,
      late: states.filter((s) => s.status === 'met_late').length,
      missed: states.filter((s) => s.status === 'overdue').length,
    },
    warnings,
    callups,
    requisitions: requisitionsFrom(timeline),
    tasks: {
      total: views.length,
      done: views.filter((t) => t.status === 'done').length,
      overdue: views.filter((t) => t.overdue).length,
      byDepartment: departments.map((departmentId) => {
        const own = views.filter((t) => t.departmentId === departmentId);
        return {
          departmentId,
          name: own.find((t) => t.departmentName)?.departmentName ?? null,
          total: own.length,
          done: own.filter((t) => t.status === 'done').length,
          overdue: own.filter((t) => t.overdue).length,
        };
      }),
    },
    loss: losses[0] ?? null,
    findings,
    decisions: timeline.filter((l) => l.source === 'response' && l.kind !== 'task.updated'),
  };
}
