import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import {
  AppError,
  type ClaimKind,
  type ClaimStatus,
  type OrderStatus,
  type Role,
  type TClaim,
  type TOrder,
} from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { keysetPage } from '../../platform/db/pages.ts';
import type { RequisitionDeps } from './deps.ts';
import { loadClaims } from './claim-reader.ts';
import { loadOrders } from './order-reader.ts';
import { projectOrders } from './projection.ts';
import { requisitionClaims, requisitionOrders } from './tables.ts';

/** Office roles read orders and claims; what they see of owners is the policy's business. */
export const READER_ROLES: Role[] = [
  'admin',
  'duty_officer',
  'commander',
  'department',
  'observer',
];

function requireReader(viewer: Viewer): void {
  if (!READER_ROLES.includes(viewer.role)) throw new AppError('auth.forbidden');
}

export async function listOrders(
  d: RequisitionDeps,
  viewer: Viewer,
  q: {
    limit: number;
    cursor?: string | undefined;
    incidentId?: string | undefined;
    status?: OrderStatus | undefined;
  },
): Promise<{ items: TOrder[]; nextCursor: string | null }> {
  requireReader(viewer);
  const o = requisitionOrders;
  const rows = await d.db
    .select()
    .from(o)
    .where(
      and(
        q.incidentId ? eq(o.incidentId, q.incidentId) : undefined,
        q.status ? eq(o.status, q.status) : undefined,
        q.cursor ? gt(o.id, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(o.id))
    .limit(q.limit + 1);
  const { page, nextCursor } = keysetPage(rows, q.limit);
  return {
    items: await projectOrders(d, viewer, await loadOrders(d.db, d.sealer, page)),
    nextCursor,
  };
}

export async function getOrder(d: RequisitionDeps, viewer: Viewer, id: string): Promise<TOrder> {
  requireReader(viewer);
  const rows = await d.db.select().from(requisitionOrders).where(eq(requisitionOrders.id, id));
  const [order] = await loadOrders(d.db, d.sealer, rows);
  if (!order) throw new AppError('requisition.order_not_found', id);
  const [out] = await projectOrders(d, viewer, [order]);
  return out!;
}

/** Office roles see every claim; a team leader only their own team's call-up claims. */
function claimScope(viewer: Viewer): SQL | undefined {
  if (READER_ROLES.includes(viewer.role)) return undefined;
  if (viewer.role === 'team_leader' && viewer.teamId)
    return eq(requisitionClaims.teamId, viewer.teamId);
  throw new AppError('auth.forbidden');
}

export async function listClaims(
  d: RequisitionDeps,
  viewer: Viewer,
  q: {
    limit: number;
    cursor?: string | undefined;
    incidentId?: string | undefined;
    kind?: ClaimKind | undefined;
    status?: ClaimStatus | undefined;
  },
): Promise<{ items: TClaim[]; nextCursor: string | null }> {
  const c = requisitionClaims;
  const rows = await d.db
    .select()
    .from(c)
    .where(
      and(
        claimScope(viewer),
        q.incidentId ? eq(c.incidentId, q.incidentId) : undefined,
        q.kind ? eq(c.kind, q.kind) : undefined,
        q.status ? eq(c.status, q.status) : undefined,
        q.cursor ? gt(c.id, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(c.id))
    .limit(q.limit + 1);
  const { page, nextCursor } = keysetPage(rows, q.limit);
  return { items: await loadClaims(d.db, page), nextCursor };
}

/** One claim the viewer may see; one they may not is reported as not found. */
export async function getClaim(d: RequisitionDeps, viewer: Viewer, id: string): Promise<TClaim> {
  const rows = await d.db
    .select()
    .from(requisitionClaims)
    .where(and(eq(requisitionClaims.id, id), claimScope(viewer)));
  const [claim] = await loadClaims(d.db, rows);
  if (!claim) throw new AppError('requisition.claim_not_found', id);
  return claim;
}
