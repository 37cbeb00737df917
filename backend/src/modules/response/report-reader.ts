import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { AppError, type ReportKind, type TReport } from '@muster/contracts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import type { ResponseDeps } from './deps.ts';
import { peopleOfReports } from './people.ts';
import { responseReports } from './tables.ts';

export type ReportRow = typeof responseReports.$inferSelect;

export async function lockReport(tx: Tx, id: string): Promise<ReportRow> {
  const [row] = await tx
    .select()
    .from(responseReports)
    .where(eq(responseReports.id, id))
    .for('update');
  if (!row) throw new AppError('response.report_not_found', id);
  return row;
}

/** Whole reports (people unprojected) matching `where`, oldest first. */
export async function loadReports(
  d: Pick<ResponseDeps, 'sealer'>,
  db: Executor,
  where: SQL | undefined,
): Promise<TReport[]> {
  const rows = await db
    .select()
    .from(responseReports)
    .where(where)
    .orderBy(asc(responseReports.createdAt), asc(responseReports.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [people, corrections] = await Promise.all([
    peopleOfReports(db, d.sealer, ids),
    db
      .select({ id: responseReports.id, corrects: responseReports.corrects })
      .from(responseReports)
      .where(and(inArray(responseReports.corrects, ids), eq(responseReports.status, 'submitted')))
      .orderBy(asc(responseReports.submittedAt)),
  ]);
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incidentId,
    kind: r.kind as ReportKind,
    status: r.status as 'draft' | 'submitted',
    sequence: r.sequence,
    corrects: r.corrects,
    correctedBy: corrections.filter((c) => c.corrects === r.id).map((c) => c.id),
    summary: r.summary,
    criteria: r.criteria,
    measures: r.measures,
    recipients: r.recipients,
    skipLevel: r.skipLevel,
    skipLevelReason: r.skipLevelReason,
    people: people.get(r.id) ?? [],
    peopleCount: r.peopleCount,
    deadlineId: r.deadlineId,
    late: r.late,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submittedBy: r.submittedBy,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    exercise: r.exercise,
  }));
}

export async function loadReport(
  d: Pick<ResponseDeps, 'sealer' | 'db'>,
  id: string,
): Promise<TReport> {
  const [r] = await loadReports(d, d.db, eq(responseReports.id, id));
  if (!r) throw new AppError('response.report_not_found', id);
  return r;
}
