import { ZClaim, ZOrder, type TClaim, type TOrder, type TOrderRequest } from '@muster/contracts';
import { buildOrderRequest } from './requisition.ts';
import type { RequisitionWorld } from './requisition-world.ts';

const ORDERS = '/api/requisition/orders';

/**
 * Takes an order from request to decision: `requester` asks, `approver` issues, every item is
 * handed over and returned intact (materials consumed), `requester` assesses each at a day's
 * rental of `dailyRateFen` and `approver` decides. Returns the order, the claim and the
 * verification code printed on the certificate.
 */
export async function decidedOrder(
  w: RequisitionWorld,
  incidentId: string,
  o: {
    requester: string;
    approver: string;
    dailyRateFen?: number;
    request?: Partial<TOrderRequest>;
  },
): Promise<{ order: TOrder; claim: TClaim; code: string }> {
  const asked = ZOrder.parse(
    (await w.as(o.requester, 'POST', ORDERS, buildOrderRequest(incidentId, o.request))).body,
  );
  const order = ZOrder.parse(
    (await w.as(o.approver, 'POST', `${ORDERS}/${asked.id}/approve`)).body,
  );
  const page = await (await w.fetchAs(o.requester, `${ORDERS}/${order.id}/certificate`)).text();
  const code = /class="code">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(page)?.[1] ?? '';
  for (const it of order.items) {
    const item = `${ORDERS}/${order.id}/items/${it.id}`;
    await w.as(o.requester, 'POST', `${item}/handover`, {});
    await w.as(
      o.requester,
      'POST',
      `${item}/return`,
      it.kind === 'materials' ? { outcome: 'consumed' } : { outcome: 'intact', condition: '完好' },
    );
  }
  const c = `/api/requisition/claims/${order.claimId}`;
  await w.as(o.requester, 'POST', `${c}/assessment`, {
    lines: order.items.map((it) => ({
      method: 'rental',
      itemId: it.id,
      dailyRateFen: o.dailyRateFen ?? 10_000,
      days: '1',
      evidence: [{ kind: 'quote', reference: 'BJ-1' }],
    })),
  });
  const claim = ZClaim.parse(
    (await w.as(o.approver, 'POST', `${c}/approve`, { reasons: '按市场租金核定补偿' })).body,
  );
  return { order, claim, code };
}
