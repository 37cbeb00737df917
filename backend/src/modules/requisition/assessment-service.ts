import { and, asc, eq } from 'drizzle-orm';
import {
  AppError,
  type TCallupCompensationTerms,
  type TPropertyLineInput,
  type TFieldIssue,
} from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { LEGAL_BASIS, drillFields, recordNow, type RequisitionDeps } from './deps.ts';
import { valueCallup } from './callup-compensation.ts';
import { insertLines } from './claim-lines.ts';
import { valuePropertyLine, type ComputedLine } from './compensation.ts';
import { lockClaim, requireStatus, type ClaimRow } from './guards.ts';
import { parseDecimal, sumFen } from './money.ts';
import { requisitionClaims, requisitionItems } from './tables.ts';

const SETTLED = new Set(['returned', 'lost', 'consumed', 'cancelled']);

/** The lines of a property assessment, checked against the order's items; issues name fields. */
async function propertyLines(
  tx: Tx,
  claim: ClaimRow,
  lines: readonly TPropertyLineInput[],
): Promise<ComputedLine[]> {
  const items = await tx
    .select()
    .from(requisitionItems)
    .where(eq(requisitionItems.orderId, claim.orderId!))
    .orderBy(asc(requisitionItems.seq));
  const outstanding = items.filter((i) => !SETTLED.has(i.status));
  if (outstanding.length > 0)
    throw new AppError(
      'requisition.items_outstanding',
      outstanding.map((i) => `#${i.seq}`).join(', '),
    );
  const assessable = new Map(items.filter((i) => i.status !== 'cancelled').map((i) => [i.id, i]));
  const issues: TFieldIssue[] = [];
  lines.forEach((l, i) => {
    if (!assessable.has(l.itemId))
      issues.push({
        path: `body.lines.${i}.itemId`,
        message: '不是本征用单中待补偿的财产 / not an item of this order to compensate',
      });
  });
  const covered = new Set(lines.map((l) => l.itemId));
  for (const item of assessable.values())
    if (!covered.has(item.id))
      issues.push({
        path: 'body.lines',
        message: `第 ${item.seq} 项财产（${item.id}）没有评估行 / item ${item.seq} has no line`,
      });
  if (issues.length > 0)
    throw new AppError('request.invalid', issues.map((x) => x.path).join(', '), issues);
  return lines.map((l, i) => valuePropertyLine(l, `body.lines.${i}`));
}

/** Stores a new assessment (earlier ones stay), marks the claim assessed and says so. */
async function record(
  d: RequisitionDeps,
  tx: Tx,
  viewer: Viewer,
  claim: ClaimRow,
  lines: ComputedLine[],
  note: string | null,
): Promise<void> {
  const amountFen = sumFen(
    lines.map((l) => l.amountFen),
    'body.lines',
  );
  const now = recordNow(d, claim);
  const no = claim.assessmentNo + 1;
  await insertLines(tx, claim.id, no, lines);
  await tx
    .update(requisitionClaims)
    .set({
      status: 'assessed',
      amountFen,
      assessmentNo: no,
      assessedBy: viewer.accountId,
      assessedAt: now,
      assessmentNote: note,
      updatedAt: now,
    })
    .where(and(eq(requisitionClaims.id, claim.id)));
  await d.outbox.append(tx, [
    {
      type: 'requisition.compensation.assessed',
      actor: viewer.accountId,
      incidentId: claim.incidentId,
      ...drillFields(claim),
      data: {
        claimId: claim.id,
        kind: claim.kind as 'property' | 'callup',
        incidentId: claim.incidentId,
        amountFen,
      },
    },
  ]);
  await d.audit.append(
    {
      actor: viewer.accountId,
      action: 'requisition.compensation.assessed',
      subjectType: 'compensation_claim',
      subjectId: claim.id,
      purpose: claim.incidentId,
      legalBasis: claim.kind === 'callup' ? LEGAL_BASIS.callup : LEGAL_BASIS.compensation,
      detail: { assessmentNo: no, amountFen, lines: lines.length },
    },
    tx,
  );
}

/** Assesses a property claim item by item, once every item is back, lost or consumed. */
export async function assessProperty(
  d: RequisitionDeps,
  viewer: Viewer,
  claimId: string,
  b: { lines: TPropertyLineInput[]; note?: string | undefined },
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.kind !== 'property')
      throw new AppError('requisition.wrong_status', 'a call-up claim: use callup-assessment');
    requireStatus('claim', claim.status, 'open', 'assessed');
    await record(d, tx, viewer, claim, await propertyLines(tx, claim, b.lines), b.note ?? null);
  });
}

/** Re-assesses a call-up claim with corrected figures, under the terms stored from the call-up. */
export async function assessCallup(
  d: RequisitionDeps,
  viewer: Viewer,
  claimId: string,
  b: {
    people: { memberId: string; hours: string }[];
    equipment: { kind: string; count: number; hours: string }[];
    expenses: { description: string; fen: number }[];
    note: string;
  },
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.kind !== 'callup')
      throw new AppError('requisition.wrong_status', 'a property claim: use assessment');
    requireStatus('claim', claim.status, 'open', 'assessed');
    const lines = valueCallup(claim.terms as TCallupCompensationTerms, {
      people: b.people.map((p) => ({ memberId: p.memberId, hours: parseDecimal(p.hours) })),
      equipment: b.equipment.map((e) => ({ ...e, hours: parseDecimal(e.hours) })),
      expenses: b.expenses,
    });
    await record(d, tx, viewer, claim, lines, b.note);
  });
}
