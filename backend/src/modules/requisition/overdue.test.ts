import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZOrder, type TOrder } from '@muster/contracts';
import { errorCode } from '../../testing/http.ts';
import { buildOrderRequest } from '../../testing/requisition.ts';
import { startRequisitionWorld, type RequisitionWorld } from '../../testing/requisition-world.ts';

const ORDERS = '/api/requisition/orders';

describe('requisition: overdue returns (art. 12, 95(9))', () => {
  let w: RequisitionWorld;
  beforeAll(async () => {
    w = await startRequisitionWorld({
      duty: { role: 'duty_officer' },
      duty2: { role: 'duty_officer' },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  /** An issued order whose first item is handed over and second is not. */
  async function issued(incidentId: string, until = '2026-07-20T08:00:00+08:00'): Promise<TOrder> {
    const req = buildOrderRequest(incidentId, {
      expectedPeriod: { from: '2026-07-10T08:00:00+08:00', until },
    });
    const r = ZOrder.parse((await w.as('duty', 'POST', ORDERS, req)).body);
    const o = ZOrder.parse((await w.as('duty2', 'POST', `${ORDERS}/${r.id}/approve`)).body);
    await w.as('duty', 'POST', `${ORDERS}/${o.id}/items/${o.items[0]!.id}/handover`, {});
    return o;
  }
  const overdueEvents = async (orderId: string) =>
    (await w.eventsAbout(orderId)).filter((e) => e.type === 'requisition.return.overdue_raised');
  const order = async (id: string) =>
    ZOrder.parse((await w.as('duty', 'GET', `${ORDERS}/${id}`)).body);

  it('raises the alarm at once when the response terminates, once per item, and releases what was never handed over', async () => {
    const incidentId = await w.reportIncident();
    const o = await issued(incidentId);
    const other = await issued(await w.reportIncident());
    await w.advance(3_600_000);

    // A real response.level.terminated, through the outbox, relay, JetStream and the consumer.
    await w.terminate(incidentId);
    await w.until('the overdue alarm', async () => (await overdueEvents(o.id)).length > 0);
    const after = await order(o.id);
    expect(after.items[0]).toMatchObject({ status: 'in_use', overdueCause: 'response_terminated' });
    expect(after.items[0]!.dueAt).toBe(w.clock.now().toISOString());
    expect(after.items[0]!.overdueAt).not.toBeNull();
    expect(after.items[1]?.status).toBe('cancelled');
    const [alarm] = await overdueEvents(o.id);
    expect(alarm).toMatchObject({
      actor: 'system',
      incidentId,
      exercise: false,
      data: { orderId: o.id, itemId: o.items[0]!.id, cause: 'response_terminated' },
    });
    expect((await w.eventsAbout(o.items[1]!.id)).map((e) => e.type)).toContain(
      'requisition.item.cancelled',
    );
    // Another incident's items are untouched.
    expect((await order(other.id)).items[0]?.overdueAt).toBeNull();

    // The same fact again (a second termination event) raises nothing more; the sweep neither.
    await w.terminate(incidentId);
    await w.m.sweeps.runNow();
    expect(await overdueEvents(o.id)).toHaveLength(1);

    // After the end nothing new is requisitioned or handed over; returns still are.
    expect(errorCode(await w.as('duty', 'POST', ORDERS, buildOrderRequest(incidentId)))).toBe(
      'requisition.incident_ended',
    );
    const back = await w.as('duty', 'POST', `${ORDERS}/${o.id}/items/${o.items[0]!.id}/return`, {
      outcome: 'intact',
      condition: '完好',
    });
    expect(back.status).toBe(200);
  });

  it('raises the alarm when the expected period passes (sweep), once', async () => {
    const incidentId = await w.reportIncident();
    const until = new Date(w.clock.now().getTime() + 2 * 86_400_000).toISOString();
    const o = await issued(incidentId, until);
    await w.m.sweeps.runNow();
    expect(await overdueEvents(o.id)).toHaveLength(0);
    await w.advance(2 * 86_400_000 + 1_000);
    // The runner's own timer may get there first; either way the alarm is raised once.
    await w.m.sweeps.runNow();
    const events = await overdueEvents(o.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      cause: 'period_ended',
      dueAt: new Date(until).toISOString(),
    });
    await w.m.sweeps.runNow();
    expect(await overdueEvents(o.id)).toHaveLength(1);
    // The map layer shows it overdue, with no owner in it.
    const map = await w.as('duty', 'GET', `/api/requisition/map?incidentId=${incidentId}`);
    const items = (map.body as { items: { id: string; overdue: boolean }[] }).items;
    expect(items.find((i) => i.id === o.items[0]!.id)?.overdue).toBe(true);
    expect(JSON.stringify(map.body)).not.toContain(o.owner.phone ?? '');
  });
});
