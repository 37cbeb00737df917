import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  AppError,
  type TAmendment,
  type TWarning,
  type WarningCategory,
  type WarningLevel,
  type WarningStatus,
} from '@muster/contracts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { monitoringAmendments, monitoringCapMessages, monitoringWarnings } from './tables.ts';

export type WarningRow = typeof monitoringWarnings.$inferSelect;
type AmendmentRow = typeof monitoringAmendments.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const opt = <T>(v: T | null) => v ?? undefined;

function amendmentView(a: AmendmentRow): TAmendment {
  return {
    id: a.id,
    action: a.action as TAmendment['action'],
    status: a.status as TAmendment['status'],
    changes: a.changes,
    reason: a.reason,
    proposedBy: a.proposedBy,
    submittedBy: a.submittedBy,
    submittedAt: iso(a.submittedAt),
  };
}

/** Whole warnings for rows, their open step and CAP chain loaded in one query each. */
export async function loadWarnings(db: Executor, rows: readonly WarningRow[]): Promise<TWarning[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [amendments, caps] = await Promise.all([
    db
      .select()
      .from(monitoringAmendments)
      .where(
        and(
          inArray(monitoringAmendments.warningId, ids),
          inArray(monitoringAmendments.status, ['proposed', 'pending']),
        ),
      ),
    db
      .select({
        warningId: monitoringCapMessages.warningId,
        identifier: monitoringCapMessages.identifier,
      })
      .from(monitoringCapMessages)
      .where(inArray(monitoringCapMessages.warningId, ids))
      .orderBy(asc(monitoringCapMessages.sentAt), asc(monitoringCapMessages.createdAt)),
  ]);
  return rows.map((w) => {
    const pending = amendments.find((a) => a.warningId === w.id);
    return {
      id: w.id,
      status: w.status as WarningStatus,
      origin: w.origin as TWarning['origin'],
      exercise: w.exercise,
      drillRunId: w.drillRunId,
      category: w.category as WarningCategory,
      level: w.level as WarningLevel,
      headline: w.headline,
      headlineEn: opt(w.headlineEn),
      area: opt(w.area),
      onset: opt(iso(w.onset)),
      expiresAt: opt(iso(w.expiresAt)),
      impacts: opt(w.impacts),
      impactsEn: opt(w.impactsEn),
      measures: opt(w.measures),
      advice: opt(w.advice),
      adviceEn: opt(w.adviceEn),
      issuer: opt(w.issuer),
      proposedBy: w.proposedBy,
      proposal: w.proposal,
      submittedBy: w.submittedBy,
      approvedBy: w.approvedBy,
      returnReason: w.returnReason,
      issuedAt: iso(w.issuedAt),
      adjustedAt: iso(w.adjustedAt),
      endedAt: iso(w.endedAt),
      endReason: w.endReason,
      pendingAmendment: pending ? amendmentView(pending) : null,
      capIdentifiers: caps.filter((c) => c.warningId === w.id).map((c) => c.identifier),
      senderName: w.senderName,
      createdAt: w.createdAt.toISOString(),
      updatedAt: w.updatedAt.toISOString(),
    };
  });
}

export async function reloadWarning(db: Executor, id: string): Promise<TWarning> {
  const [row] = await db.select().from(monitoringWarnings).where(eq(monitoringWarnings.id, id));
  if (!row) throw new AppError('monitoring.warning_not_found', id);
  return (await loadWarnings(db, [row]))[0]!;
}

/** Locks a warning for a state change; not found is a 404 naming it. */
export async function lockWarning(tx: Tx, id: string): Promise<WarningRow> {
  const [row] = await tx
    .select()
    .from(monitoringWarnings)
    .where(eq(monitoringWarnings.id, id))
    .for('update');
  if (!row) throw new AppError('monitoring.warning_not_found', id);
  return row;
}

export function requireStatus(w: WarningRow, ...allowed: WarningStatus[]): void {
  if (!allowed.includes(w.status as WarningStatus))
    throw new AppError('monitoring.warning_wrong_status', w.status);
}
