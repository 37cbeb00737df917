import { and, eq } from 'drizzle-orm';
import { AppError } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ItemRow, OrderRow } from './order-reader.ts';
import { requisitionClaims, requisitionItems, requisitionOrders } from './tables.ts';

export type ClaimRow = typeof requisitionClaims.$inferSelect;

/** Office roles that act on requisitions; a commander only on incidents they command. */
export const OFFICER_ROLES = ['admin', 'duty_officer', 'commander'] as const;
/** Office roles that assess, decide and pay compensation. */
export const FINANCE_ROLES = ['admin', 'duty_officer'] as const;

export function requireOfficerFor(viewer: Viewer, incidentId: string): void {
  if (viewer.role === 'commander' && !viewer.commands.has(incidentId))
    throw new AppError('requisition.not_commander');
}

/** Locks an order for a state change; not found is a 404 naming it. */
export async function lockOrder(tx: Tx, id: string): Promise<OrderRow> {
  const [row] = await tx
    .select()
    .from(requisitionOrders)
    .where(eq(requisitionOrders.id, id))
    .for('update');
  if (!row) throw new AppError('requisition.order_not_found', id);
  return row;
}

export async function lockItem(tx: Tx, orderId: string, itemId: string): Promise<ItemRow> {
  const [row] = await tx
    .select()
    .from(requisitionItems)
    .where(and(eq(requisitionItems.id, itemId), eq(requisitionItems.orderId, orderId)))
    .for('update');
  if (!row) throw new AppError('requisition.item_not_found', itemId);
  return row;
}

export async function lockClaim(tx: Tx, id: string): Promise<ClaimRow> {
  const [row] = await tx
    .select()
    .from(requisitionClaims)
    .where(eq(requisitionClaims.id, id))
    .for('update');
  if (!row) throw new AppError('requisition.claim_not_found', id);
  return row;
}

export function requireStatus(what: string, status: string, ...allowed: string[]): void {
  if (!allowed.includes(status))
    throw new AppError(
      'requisition.wrong_status',
      `${what} is ${status}; needs ${allowed.join(' or ')}`,
    );
}

/** A 400 naming one field, for checks a schema alone cannot make (they need the database). */
export function fieldError(path: string, message: string): AppError {
  return new AppError('request.invalid', `${path}: ${message}`, [{ path, message }]);
}

/** An instant a user gave (`body.at`) must not be in the future nor before `notBefore`. */
export function checkedAt(
  given: string | undefined,
  now: Date,
  notBefore: Date | null,
  path = 'body.at',
): Date {
  if (!given) return now;
  const at = new Date(given);
  if (at > now) throw fieldError(path, '不能晚于当前时间 / must not be in the future');
  if (notBefore && at < notBefore)
    throw fieldError(path, `不能早于 ${notBefore.toISOString()} / must not be before that`);
  return at;
}
