import {
  and,
  asc,
  count,
  eq,
  inArray,
  isNotNull,
  ne,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import {
  AppError,
  ITEM_STATUSES,
  ORDER_STATUSES,
  type TLedger,
  type TLedgerRow,
} from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { RequisitionDeps } from './deps.ts';
import { READER_ROLES } from './read-service.ts';
import {
  requisitionClaims,
  requisitionItems,
  requisitionObjections,
  requisitionOrders,
} from './tables.ts';

type ExerciseFilter = 'exclude' | 'only' | 'include';
export interface LedgerQuery {
  incidentId?: string | undefined;
  exercise: ExerciseFilter;
}

/** Which rows: one incident or all, real records unless drills are asked for. */
function scope(
  col: { incidentId: AnyColumn; exercise: AnyColumn },
  q: LedgerQuery,
): SQL | undefined {
  return and(
    q.incidentId ? eq(col.incidentId, q.incidentId) : undefined,
    q.exercise === 'exclude'
      ? eq(col.exercise, false)
      : q.exercise === 'only'
        ? eq(col.exercise, true)
        : undefined,
  );
}

const fenSum = (c: AnyColumn) => sql<string>`coalesce(sum(${c}), 0)`;
const DECIDED = ['approved', 'partially_paid', 'paid'];

export function requireLedgerReader(viewer: Viewer): void {
  if (!READER_ROLES.includes(viewer.role)) throw new AppError('auth.forbidden');
}

/** Totals by status, per incident or overall (aggregates: no person in them). */
export async function ledgerTotals(
  d: RequisitionDeps,
  viewer: Viewer,
  q: LedgerQuery,
): Promise<TLedger> {
  requireLedgerReader(viewer);
  const o = requisitionOrders;
  const i = requisitionItems;
  const c = requisitionClaims;
  const orderScope = scope(o, q);
  const [orders, items, overdue, claims, decided, objections] = await Promise.all([
    d.db.select({ status: o.status, n: count() }).from(o).where(orderScope).groupBy(o.status),
    d.db
      .select({ status: i.status, n: count() })
      .from(i)
      .innerJoin(o, eq(o.id, i.orderId))
      .where(and(orderScope, eq(o.status, 'issued')))
      .groupBy(i.status),
    d.db
      .select({ n: count() })
      .from(i)
      .innerJoin(o, eq(o.id, i.orderId))
      .where(and(orderScope, eq(i.status, 'in_use'), isNotNull(i.overdueAt))),
    d.db
      .select({
        kind: c.kind,
        status: c.status,
        n: count(),
        amount: fenSum(c.amountFen),
        paid: fenSum(c.paidFen),
      })
      .from(c)
      .where(scope(c, q))
      .groupBy(c.kind, c.status)
      .orderBy(asc(c.kind), asc(c.status)),
    d.db
      .select({ amount: fenSum(c.amountFen), paid: fenSum(c.paidFen) })
      .from(c)
      .where(and(scope(c, q), inArray(c.status, DECIDED))),
    d.db
      .select({ n: count() })
      .from(requisitionObjections)
      .where(and(scope(requisitionObjections, q), ne(requisitionObjections.status, 'decided'))),
  ]);
  const byStatus = <S extends string>(all: readonly S[], rows: { status: string; n: number }[]) =>
    Object.fromEntries(all.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<
      S,
      number
    >;
  const claimRows = claims.map((r) => ({
    kind: r.kind as 'property' | 'callup',
    status: r.status as TLedger['claims'][number]['status'],
    count: r.n,
    amountFen: Number(r.amount),
    paidFen: Number(r.paid),
  }));
  const decidedFen = Number(decided[0]?.amount ?? 0);
  const decidedPaid = Number(decided[0]?.paid ?? 0);
  return {
    incidentId: q.incidentId ?? null,
    exercise: q.exercise,
    orders: byStatus(ORDER_STATUSES, orders),
    items: byStatus(ITEM_STATUSES, items),
    overdueItems: overdue[0]?.n ?? 0,
    claims: claimRows,
    overall: {
      claims: claimRows.reduce((s, r) => s + r.count, 0),
      assessedFen: claimRows.reduce((s, r) => s + r.amountFen, 0),
      decidedFen,
      paidFen: claimRows.reduce((s, r) => s + r.paidFen, 0),
      outstandingFen: decidedFen - decidedPaid,
    },
    openObjections: objections[0]?.n ?? 0,
  };
}

/** Claims with their orders' owners, before projection (the caller projects and audits). */
export async function ledgerRows(
  d: RequisitionDeps,
  q: LedgerQuery,
): Promise<(TLedgerRow & { orderId: string | null })[]> {
  const c = requisitionClaims;
  const o = requisitionOrders;
  const rows = await d.db
    .select({ c, o })
    .from(c)
    .leftJoin(o, eq(o.id, c.orderId))
    .where(scope(c, q))
    .orderBy(asc(c.id))
    .limit(50_000);
  return rows.map(({ c: x, o: y }) => ({
    orderId: x.orderId,
    claimId: x.id,
    kind: x.kind as 'property' | 'callup',
    incidentId: x.incidentId,
    exercise: x.exercise,
    certificateNumber: y?.certificateNumber ?? '',
    status: x.status as TLedgerRow['status'],
    amountFen: x.amountFen,
    paidFen: x.paidFen,
    outstandingFen: DECIDED.includes(x.status) ? (x.amountFen ?? 0) - x.paidFen : 0,
    decidedAt: x.decidedAt?.toISOString() ?? null,
    ownerKind: y?.ownerKind ?? '',
    unitName: y?.ownerUnitName ?? '',
    ...(y?.ownerName ? { ownerName: y.ownerName } : {}),
    ...(y?.ownerPhone ? { ownerPhone: y.ownerPhone } : {}),
    ...(y?.ownerIdNumberSealed ? { ownerIdNumber: d.sealer.open(y.ownerIdNumberSealed) } : {}),
    teamId: x.teamId ?? '',
    callupId: x.callupId ?? '',
  }));
}
