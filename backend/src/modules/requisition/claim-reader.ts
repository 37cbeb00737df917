import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { TCallupCompensationTerms, TClaim, TClaimLine, TObjection } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { groupBy } from '../../platform/db/pages.ts';
import type { ClaimRow } from './guards.ts';
import { remedyNotice } from './remedy.ts';
import {
  requisitionAssessmentLines,
  requisitionObjections,
  requisitionOrders,
  requisitionPayments,
} from './tables.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A decision as it is shown: who, when, why, and the remedy notice with its last days. */
export function decisionOf(by: string | null, at: Date | null, reasons: string | null) {
  return by && at
    ? { by, at: at.toISOString(), reasons: reasons ?? '', remedy: remedyNotice(at) }
    : null;
}

/** Whole claims with their current assessment's lines, decision and payments. */
export async function loadClaims(db: Executor, rows: readonly ClaimRow[]): Promise<TClaim[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const orderIds = rows.flatMap((r) => (r.orderId ? [r.orderId] : []));
  const current = or(
    ...rows.map((r) =>
      and(
        eq(requisitionAssessmentLines.claimId, r.id),
        eq(requisitionAssessmentLines.assessmentNo, r.assessmentNo),
      ),
    ),
  );
  const [lines, payments, orders] = await Promise.all([
    db
      .select()
      .from(requisitionAssessmentLines)
      .where(current)
      .orderBy(asc(requisitionAssessmentLines.seq)),
    db
      .select()
      .from(requisitionPayments)
      .where(inArray(requisitionPayments.claimId, ids))
      .orderBy(asc(requisitionPayments.recordedAt)),
    orderIds.length
      ? db
          .select({
            id: requisitionOrders.id,
            certificateNumber: requisitionOrders.certificateNumber,
          })
          .from(requisitionOrders)
          .where(inArray(requisitionOrders.id, orderIds))
      : Promise.resolve([]),
  ]);
  const linesBy = groupBy(lines, (l) => l.claimId);
  const paysBy = groupBy(payments, (p) => p.claimId);
  const certOf = new Map(orders.map((o) => [o.id, o.certificateNumber]));
  return rows.map((c) => ({
    id: c.id,
    kind: c.kind as TClaim['kind'],
    incidentId: c.incidentId,
    exercise: c.exercise,
    drillRunId: c.drillRunId,
    status: c.status as TClaim['status'],
    orderId: c.orderId,
    certificateNumber: c.orderId ? (certOf.get(c.orderId) ?? null) : null,
    callupId: c.callupId,
    teamId: c.teamId,
    terms: (c.terms as TCallupCompensationTerms | null) ?? null,
    amountFen: c.amountFen,
    assessment:
      c.assessmentNo > 0 && c.assessedBy && c.assessedAt
        ? {
            no: c.assessmentNo,
            by: c.assessedBy,
            at: c.assessedAt.toISOString(),
            note: c.assessmentNote,
            lines: (linesBy.get(c.id) ?? []).map((l): TClaimLine => ({
              id: l.id,
              itemId: l.itemId,
              method: l.method as TClaimLine['method'],
              description: l.description,
              inputs: l.inputs,
              amountFen: l.amountFen,
              evidence: (l.evidence ?? []) as TClaimLine['evidence'],
              note: l.note,
              flags: l.flags,
            })),
          }
        : null,
    sentBack:
      c.sentBackBy && c.sentBackAt
        ? { by: c.sentBackBy, at: c.sentBackAt.toISOString(), reason: c.sentBackReason ?? '' }
        : null,
    decision: decisionOf(c.decidedBy, c.decidedAt, c.decisionReasons),
    paidFen: c.paidFen,
    payments: (paysBy.get(c.id) ?? []).map((p) => ({
      id: p.id,
      amountFen: p.amountFen,
      paidOn: p.paidOn,
      payer: p.payer,
      reference: p.reference,
      recordedBy: p.recordedBy,
      recordedAt: p.recordedAt.toISOString(),
    })),
    openObjectionId: c.openObjectionId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }));
}

export function objectionOut(o: typeof requisitionObjections.$inferSelect): TObjection {
  return {
    id: o.id,
    claimId: o.claimId,
    incidentId: o.incidentId,
    exercise: o.exercise,
    filedByKind: o.filedByKind as TObjection['filedByKind'],
    filedBy: o.filedBy,
    channel: o.channel as TObjection['channel'],
    reasons: o.reasons,
    filedAt: o.filedAt.toISOString(),
    status: o.status as TObjection['status'],
    reviewer: o.reviewer,
    reviewStartedAt: iso(o.reviewStartedAt),
    outcome: o.outcome as TObjection['outcome'],
    decision: decisionOf(o.decidedBy, o.decidedAt, o.decisionReasons),
  };
}

export async function loadObjections(db: Executor, claimId: string): Promise<TObjection[]> {
  const rows = await db
    .select()
    .from(requisitionObjections)
    .where(eq(requisitionObjections.claimId, claimId))
    .orderBy(asc(requisitionObjections.filedAt));
  return rows.map(objectionOut);
}
