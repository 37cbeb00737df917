import { and, asc, eq, gt, isNull, max } from 'drizzle-orm';
import type { IncidentCategory, IncidentGrade, ReportKind } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { RecordTime } from './record-clock.ts';
import { reportingRuleFor } from './rules.ts';
import { dueAfter, type DeadlineRow } from './deadlines.ts';
import { responseDeadlines } from './tables.ts';

/** What deadlines need to know of an incident. */
export interface DeadlineIncident extends RecordTime {
  id: string;
  category: string;
  grade: string | null;
}

const open = (incidentId: string) =>
  and(
    eq(responseDeadlines.incidentId, incidentId),
    isNull(responseDeadlines.satisfiedAt),
    isNull(responseDeadlines.cancelledAt),
  );

async function timingOf(tx: Executor, i: DeadlineIncident) {
  return reportingRuleFor(tx, i.category as IncidentCategory, i.grade as IncidentGrade | null);
}

/** Opens the next deadline of a kind, counted from `anchor` under the incident's rule. */
export async function openDeadline(
  tx: Executor,
  i: DeadlineIncident,
  kind: ReportKind,
  anchor: Date,
  now: Date,
): Promise<void> {
  const [last] = await tx
    .select({ n: max(responseDeadlines.sequence) })
    .from(responseDeadlines)
    .where(and(eq(responseDeadlines.incidentId, i.id), eq(responseDeadlines.kind, kind)));
  await tx
    .insert(responseDeadlines)
    .values({
      id: newId(),
      incidentId: i.id,
      kind,
      sequence: (last?.n ?? 0) + 1,
      anchorAt: anchor,
      dueAt: dueAfter(kind, anchor, await timingOf(tx, i)),
      createdAt: now,
      exercise: i.exercise,
      drillRunId: i.drillRunId,
    })
    .onConflictDoNothing();
}

/**
 * A submitted report meets the earliest open deadline of its kind. Returns it (with whether the
 * report came late), or undefined when none was open.
 */
export async function satisfyDeadline(
  tx: Executor,
  incidentId: string,
  kind: ReportKind,
  reportId: string,
  at: Date,
): Promise<{ id: string; late: boolean } | undefined> {
  const [d] = await tx
    .select()
    .from(responseDeadlines)
    .where(and(open(incidentId), eq(responseDeadlines.kind, kind)))
    .orderBy(asc(responseDeadlines.dueAt))
    .limit(1)
    .for('update');
  if (!d) return undefined;
  await tx
    .update(responseDeadlines)
    .set({ satisfiedAt: at, reportId })
    .where(eq(responseDeadlines.id, d.id));
  return { id: d.id, late: at > d.dueAt };
}

/**
 * The rule changed for the incident (it was graded): deadlines not yet met nor raised as overdue
 * are timed again from their anchors. One already raised stays as it was.
 */
export async function retimeDeadlines(tx: Executor, i: DeadlineIncident): Promise<void> {
  const rows = await tx
    .select()
    .from(responseDeadlines)
    .where(and(open(i.id), isNull(responseDeadlines.alarmedAt)));
  if (rows.length === 0) return;
  const t = await timingOf(tx, i);
  for (const r of rows)
    await tx
      .update(responseDeadlines)
      .set({ dueAt: dueAfter(r.kind as ReportKind, r.anchorAt, t) })
      .where(eq(responseDeadlines.id, r.id));
}

/**
 * Stops deadlines that no longer apply: of one kind (follow-ups end with the response) or all
 * (the incident closed). Only those not yet due: a report already overdue stays missed.
 */
export async function cancelDeadlines(
  tx: Executor,
  incidentId: string,
  at: Date,
  kind?: ReportKind,
): Promise<void> {
  await tx
    .update(responseDeadlines)
    .set({ cancelledAt: at })
    .where(
      and(
        open(incidentId),
        kind ? eq(responseDeadlines.kind, kind) : undefined,
        gt(responseDeadlines.dueAt, at),
      ),
    );
}

export async function deadlinesOf(db: Executor, incidentId: string): Promise<DeadlineRow[]> {
  return db
    .select()
    .from(responseDeadlines)
    .where(eq(responseDeadlines.incidentId, incidentId))
    .orderBy(asc(responseDeadlines.dueAt), asc(responseDeadlines.sequence));
}
