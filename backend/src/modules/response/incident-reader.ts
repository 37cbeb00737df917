import { eq } from 'drizzle-orm';
import {
  AppError,
  type IncidentCategory,
  type IncidentGrade,
  type IncidentStatus,
  type ResponseLevel,
  type TIncident,
  type TIncidentSummary,
  type TPoint,
} from '@muster/contracts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import type { ResponseDeps } from './deps.ts';
import { recordNow } from './record-clock.ts';
import { gradingRuleFor } from './rules.ts';
import { suggestGrade } from './grading.ts';
import { deadlinesOf } from './deadline-store.ts';
import { deadlineView } from './deadlines.ts';
import { reporterOf } from './people.ts';
import { responseIncidents } from './tables.ts';

export type IncidentRow = typeof responseIncidents.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Locks an incident for a change; an unknown id is a 404 naming it. */
export async function lockIncident(tx: Tx, id: string): Promise<IncidentRow> {
  const [row] = await tx
    .select()
    .from(responseIncidents)
    .where(eq(responseIncidents.id, id))
    .for('update');
  if (!row) throw new AppError('response.incident_not_found', id);
  return row;
}

export async function findIncident(db: Executor, id: string): Promise<IncidentRow> {
  const [row] = await db.select().from(responseIncidents).where(eq(responseIncidents.id, id));
  if (!row) throw new AppError('response.incident_not_found', id);
  return row;
}

/** Refuses the change unless the incident is in one of the given states. */
export function requireStatus(row: IncidentRow, ...allowed: IncidentStatus[]): void {
  if (!allowed.includes(row.status as IncidentStatus))
    throw new AppError('response.wrong_status', row.status);
}

/** The incident's main place, when it has one. */
export function locationOf(r: Pick<IncidentRow, 'locationLon' | 'locationLat'>): TPoint | null {
  return r.locationLon !== null && r.locationLat !== null
    ? { lon: r.locationLon, lat: r.locationLat }
    : null;
}

/** An incident as a list shows it (no personal information). */
export function summaryOf(r: IncidentRow, nextDueAt: Date | null): TIncidentSummary {
  return {
    id: r.id,
    title: r.title,
    category: r.category as IncidentCategory,
    subtype: r.subtype,
    status: r.status as IncidentStatus,
    grade: r.grade as IncidentGrade | null,
    level: r.level as ResponseLevel | null,
    awareAt: r.awareAt.toISOString(),
    location: locationOf(r),
    areaCodes: r.areaCodes,
    exercise: r.exercise,
    nextDueAt: iso(nextDueAt),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The whole incident (reporter unprojected), with its countdowns as of the incident's now. */
export async function loadIncident(
  d: Pick<ResponseDeps, 'db' | 'clock' | 'drillClock'>,
  id: string,
): Promise<TIncident & { reporterId: string | null }> {
  const r = await findIncident(d.db, id);
  const [deadlines, reporter, rule] = await Promise.all([
    deadlinesOf(d.db, id),
    reporterOf(d.db, id),
    gradingRuleFor(d.db, r.category as IncidentCategory, r.subtype),
  ]);
  const now = recordNow(d, r);
  const views = deadlines.map((x) => deadlineView(x, now));
  const pending = views.filter((x) => x.status === 'pending' || x.status === 'overdue');
  return {
    ...summaryOf(r, pending[0] ? new Date(pending[0].dueAt) : null),
    description: r.description,
    source: r.source as TIncident['source'],
    sourceDetail: r.sourceDetail,
    warningId: r.warningId,
    reporter: reporter
      ? { name: reporter.name, ...(reporter.phone ? { phone: reporter.phone } : {}) }
      : null,
    reporterId: reporter?.id ?? null,
    drillRunId: r.drillRunId,
    criteria: r.criteria,
    suggestion: suggestGrade(r.criteria, rule.thresholds, {
      category: r.category as IncidentCategory,
      subtype: rule.subtype,
    }),
    gradedAt: iso(r.gradedAt),
    commanderAccountId: r.commanderAccountId,
    planVersionId: r.planVersionId,
    activatedAt: iso(r.activatedAt),
    expectedEndAt: iso(r.expectedEndAt),
    terminatedAt: iso(r.terminatedAt),
    closedAt: iso(r.closedAt),
    deadlines: views,
    createdAt: r.createdAt.toISOString(),
    asOf: now.toISOString(),
  };
}
