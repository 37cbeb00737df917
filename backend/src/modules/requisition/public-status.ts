import { asc, eq } from 'drizzle-orm';
import { AppError, type TClaim, type TOwnerStatus } from '@muster/contracts';
import type { Db } from '../../platform/db/client.ts';
import { createLoginThrottle, type LoginThrottle } from '../../platform/access/throttle.ts';
import type { RequisitionDeps } from './deps.ts';
import { codeMatches } from './certificate-number.ts';
import { loadClaims, loadObjections } from './claim-reader.ts';
import { lockClaim } from './guards.ts';
import { fileOn } from './objection-service.ts';
import type { OrderRow } from './order-reader.ts';
import { requisitionClaims, requisitionItems, requisitionOrders } from './tables.ts';

/**
 * What an owner can do without an account: follow their case and object, by the certificate's
 * number and the verification code printed on it. Wrong guesses are throttled per certificate and
 * per client address; a wrong number and a wrong code answer alike, so neither can be probed.
 */
export function ownerAccess(d: RequisitionDeps) {
  const throttle: LoginThrottle = createLoginThrottle(d.db, d.clock);

  async function find(
    db: Db,
    certificateNumber: string,
    code: string,
    address: string,
  ): Promise<OrderRow> {
    const keys = [`requisition-certificate:${certificateNumber}`, `requisition-address:${address}`];
    const wait = await throttle.retryAfter(keys);
    if (wait > 0) throw new AppError('requisition.lookup_throttled', String(wait));
    const [order] = await db
      .select()
      .from(requisitionOrders)
      .where(eq(requisitionOrders.certificateNumber, certificateNumber));
    const onFile = order?.verificationCodeSealed ? d.sealer.open(order.verificationCodeSealed) : '';
    if (!order || !codeMatches(code, onFile)) {
      await throttle.recordFailure(keys);
      await d.audit.append({
        actor: 'public',
        action: 'requisition.owner_lookup',
        subjectType: 'requisition_order',
        outcome: 'denied',
        detail: { found: order !== undefined },
      });
      throw new AppError('requisition.lookup_failed');
    }
    await throttle.clear(keys[0]!);
    return order;
  }

  async function statusOf(order: OrderRow): Promise<TOwnerStatus> {
    const items = await d.db
      .select()
      .from(requisitionItems)
      .where(eq(requisitionItems.orderId, order.id))
      .orderBy(asc(requisitionItems.seq));
    const rows = await d.db
      .select()
      .from(requisitionClaims)
      .where(eq(requisitionClaims.orderId, order.id));
    const [claim] = await loadClaims(d.db, rows);
    const objections = claim ? await loadObjections(d.db, claim.id) : [];
    // The owner sees what was decided and why, not which official decided it.
    const decision = (x: TClaim['decision']) =>
      x ? { at: x.at, reasons: x.reasons, remedy: x.remedy } : null;
    return {
      certificateNumber: order.certificateNumber!,
      exercise: order.exercise,
      issuedAt: order.decidedAt!.toISOString(),
      expectedUntil: order.expectedUntil.toISOString(),
      items: items.map((i) => ({
        seq: i.seq,
        kind: i.kind as TOwnerStatus['items'][number]['kind'],
        description: i.description,
        identification: i.identification,
        status: i.status as TOwnerStatus['items'][number]['status'],
        handedOverAt: i.handedOverAt?.toISOString() ?? null,
        returnedAt: i.returnedAt?.toISOString() ?? null,
        outcome: i.outcome as TOwnerStatus['items'][number]['outcome'],
        dueAt: i.dueAt.toISOString(),
      })),
      claim: {
        status: claim?.status ?? 'open',
        amountFen: claim?.decision ? claim.amountFen : null,
        paidFen: claim?.paidFen ?? 0,
        payments: (claim?.payments ?? []).map((p) => ({
          amountFen: p.amountFen,
          paidOn: p.paidOn,
        })),
        decision: decision(claim?.decision ?? null),
      },
      objections: objections.map((o) => ({
        filedAt: o.filedAt,
        status: o.status,
        outcome: o.outcome,
        decision: decision(o.decision),
      })),
    };
  }

  return {
    async status(certificateNumber: string, code: string, address: string): Promise<TOwnerStatus> {
      const order = await find(d.db, certificateNumber, code, address);
      await d.audit.append({
        actor: 'public',
        action: 'requisition.owner_lookup',
        subjectType: 'requisition_order',
        subjectId: order.id,
      });
      return statusOf(order);
    },
    async object(
      certificateNumber: string,
      code: string,
      address: string,
      reasons: string,
    ): Promise<TOwnerStatus> {
      const order = await find(d.db, certificateNumber, code, address);
      await d.db.transaction(async (tx) => {
        const [row] = await tx
          .select({ id: requisitionClaims.id })
          .from(requisitionClaims)
          .where(eq(requisitionClaims.orderId, order.id));
        if (!row)
          throw new AppError('requisition.claim_not_found', order.certificateNumber ?? order.id);
        const claim = await lockClaim(tx, row.id);
        await fileOn(d, tx, claim, { kind: 'owner', accountId: null, channel: 'online' }, reasons);
      });
      return statusOf(order);
    },
  };
}
