import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { ZClaim, ZOrder, type TOrder } from '@muster/contracts';
import { newId } from '../../platform/ids.ts';
import { errorCode, type Answer } from '../../testing/http.ts';
import { breakCheck } from '../../testing/forces.ts';
import { buildOrderRequest } from '../../testing/requisition.ts';
import { startRequisitionWorld, type RequisitionWorld } from '../../testing/requisition-world.ts';
import { requisitionAssessmentLines, requisitionOrders, requisitionPayments } from './tables.ts';

const ORDERS = '/api/requisition/orders';
const paths = (a: Answer) =>
  ((a.body as { error?: { issues?: { path: string }[] } }).error?.issues ?? []).map((i) => i.path);
const ev = [{ kind: 'invoice', reference: 'FP-1' }];

describe('requisition: bad input gets clear errors naming fields, and nothing half-written', () => {
  let w: RequisitionWorld;
  let incidentId: string;
  let order: TOrder;
  beforeAll(async () => {
    w = await startRequisitionWorld({
      duty: { role: 'duty_officer' },
      duty2: { role: 'duty_officer' },
    });
    incidentId = await w.reportIncident();
    const r = ZOrder.parse(
      (await w.as('duty', 'POST', ORDERS, buildOrderRequest(incidentId))).body,
    );
    order = ZOrder.parse((await w.as('duty2', 'POST', `${ORDERS}/${r.id}/approve`)).body);
  });
  afterAll(async () => {
    await w?.stop();
  });
  const ordersOf = async (id: string) =>
    (
      await w.m.database.db
        .select({ n: count() })
        .from(requisitionOrders)
        .where(eq(requisitionOrders.incidentId, id))
    )[0]?.n;

  it('refuses a malformed order, naming each field, and writes nothing', async () => {
    const other = await w.reportIncident();
    const good = buildOrderRequest(other);
    const bad = await w.as('duty', 'POST', ORDERS, {
      ...good,
      owner: {
        ...good.owner,
        idNumber: breakCheck((good.owner as { idNumber: string }).idNumber),
        phone: '12345',
      },
      items: [
        { ...good.items[0]!, quantity: '-1' },
        { ...good.items[1]!, kind: 'spaceship' },
      ],
      expectedPeriod: { from: '2026-07-12T08:00:00+08:00', until: '2026-07-11T08:00:00+08:00' },
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('request.invalid');
    expect(paths(bad)).toEqual(
      expect.arrayContaining([
        'body.owner.idNumber',
        'body.owner.phone',
        'body.items.0.quantity',
        'body.items.1.kind',
        'body.expectedPeriod.until',
      ]),
    );
    expect(JSON.stringify(bad.body)).not.toMatch(/\d{17}/);
    expect(await ordersOf(other)).toBe(0);
    expect(errorCode(await w.as('duty', 'POST', ORDERS, buildOrderRequest(newId())))).toBe(
      'requisition.incident_unknown',
    );
  });

  it('refuses return before hand-over, unknown items and times in the future', async () => {
    const o = `${ORDERS}/${order.id}`;
    const boat = order.items[0]!.id;
    expect(
      errorCode(
        await w.as('duty', 'POST', `${o}/items/${boat}/return`, {
          outcome: 'intact',
          condition: '完好',
        }),
      ),
    ).toBe('requisition.not_handed_over');
    expect(
      errorCode(
        await w.as('duty', 'POST', `${o}/items/${boat}/use-log`, { note: '试图在交付前记录使用' }),
      ),
    ).toBe('requisition.not_handed_over');
    const unknown = await w.as('duty', 'POST', `${o}/items/${newId()}/handover`, {});
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('requisition.item_not_found');
    expect(errorCode(await w.as('duty', 'POST', `${ORDERS}/${newId()}/approve`))).toBe(
      'requisition.order_not_found',
    );
    const future = await w.as('duty', 'POST', `${o}/items/${boat}/handover`, {
      at: '2030-01-01T00:00:00Z',
    });
    expect(paths(future)).toEqual(['body.at']);
    const after = ZOrder.parse((await w.as('duty', 'GET', o)).body);
    expect(after.items[0]).toMatchObject({ status: 'awaiting_handover', handedOverAt: null });
    expect((await w.eventsAbout(boat)).map((e) => e.type)).toEqual([]);

    await w.as('duty', 'POST', `${o}/items/${boat}/handover`, {});
    const noDamage = await w.as('duty', 'POST', `${o}/items/${boat}/return`, {
      outcome: 'damaged',
      condition: '有损伤',
    });
    expect(paths(noDamage)).toEqual(['body.damage']);
  });

  it('refuses bad assessments and payments, leaving the claim as it was', async () => {
    const c = `/api/requisition/claims/${order.claimId}`;
    const [boat, vests] = order.items as [TOrder['items'][number], TOrder['items'][number]];
    // Not everything is back yet.
    const early = await w.as('duty', 'POST', `${c}/assessment`, {
      lines: [{ method: 'repair', itemId: boat.id, repairCostFen: 100, evidence: ev }],
    });
    expect(errorCode(early)).toBe('requisition.items_outstanding');
    await w.as('duty', 'POST', `${ORDERS}/${order.id}/items/${boat.id}/return`, {
      outcome: 'intact',
      condition: '完好',
    });
    await w.as('duty', 'POST', `${ORDERS}/${order.id}/items/${vests.id}/handover`, {});
    await w.as('duty', 'POST', `${ORDERS}/${order.id}/items/${vests.id}/return`, {
      outcome: 'consumed',
    });

    const negative = await w.as('duty', 'POST', `${c}/assessment`, {
      lines: [
        { method: 'rental', itemId: boat.id, dailyRateFen: -100, days: '1', evidence: ev },
        { method: 'materials', itemId: vests.id, unitPriceFen: 1.5, quantity: '1e3', evidence: [] },
      ],
    });
    expect(paths(negative)).toEqual(
      expect.arrayContaining([
        'body.lines.0.dailyRateFen',
        'body.lines.1.unitPriceFen',
        'body.lines.1.quantity',
        'body.lines.1.evidence',
      ]),
    );
    const unknownItem = await w.as('duty', 'POST', `${c}/assessment`, {
      lines: [
        { method: 'repair', itemId: newId(), repairCostFen: 100, evidence: ev },
        { method: 'repair', itemId: boat.id, repairCostFen: 100, evidence: ev },
      ],
    });
    expect(errorCode(unknownItem)).toBe('request.invalid');
    expect(paths(unknownItem)).toEqual(['body.lines.0.itemId', 'body.lines']); // and the vests were left out
    const claim = ZClaim.parse((await w.as('duty', 'GET', c)).body);
    expect(claim).toMatchObject({ status: 'open', amountFen: null, assessment: null });
    const lines = await w.m.database.db
      .select({ n: count() })
      .from(requisitionAssessmentLines)
      .where(eq(requisitionAssessmentLines.claimId, claim.id));
    expect(lines[0]?.n).toBe(0);
    expect(await w.eventsAbout(claim.id)).toEqual([]);

    // Payments: not before a decision, never negative, never more than owed, never in the future.
    const pay = (b: Record<string, unknown>) =>
      w.as('duty', 'POST', `${c}/payments`, {
        amountFen: 100,
        paidOn: '2026-07-10',
        payer: '北碚区财政局',
        reference: 'R-1',
        ...b,
      });
    expect(errorCode(await pay({}))).toBe('requisition.wrong_status');
    await w.as('duty', 'POST', `${c}/assessment`, {
      lines: [
        { method: 'repair', itemId: boat.id, repairCostFen: 1_000, evidence: ev },
        { method: 'none', itemId: vests.id, reason: '救生衣由村委会捐赠' },
      ],
    });
    await w.as('duty2', 'POST', `${c}/approve`, { reasons: '按维修发票核定补偿' });
    expect(paths(await pay({ amountFen: -5 }))).toEqual(['body.amountFen']);
    expect(paths(await pay({ amountFen: 0 }))).toEqual(['body.amountFen']);
    expect(paths(await pay({ amountFen: 1_001 }))).toEqual(['body.amountFen']);
    expect(paths(await pay({ paidOn: '2027-01-01' }))).toEqual(['body.paidOn']);
    expect(paths(await pay({ paidOn: '2026-02-30' }))).toEqual(['body.paidOn']);
    const payments = await w.m.database.db
      .select({ n: count() })
      .from(requisitionPayments)
      .where(eq(requisitionPayments.claimId, claim.id));
    expect(payments[0]?.n).toBe(0);
    expect(ZClaim.parse((await w.as('duty', 'GET', c)).body)).toMatchObject({
      status: 'approved',
      paidFen: 0,
      amountFen: 1_000,
    });
  });
});
