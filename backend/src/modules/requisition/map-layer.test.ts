import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZOrder, ZRequisitionMapItem, type TRequisitionMapItem } from '@muster/contracts';
import type { MapLayerSource } from '../../platform/realtime/layer-source.ts';
import { buildOrderRequest } from '../../testing/requisition.ts';
import { startRequisitionWorld, type RequisitionWorld } from '../../testing/requisition-world.ts';
import { requisitionsMapSource } from './map-layer.ts';

const ORDERS = '/api/requisition/orders';

describe('the requisitions map layer source', () => {
  let w: RequisitionWorld;
  beforeAll(async () => {
    w = await startRequisitionWorld({
      requester: { role: 'duty_officer' },
      approver: { role: 'admin' },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  const source = requisitionsMapSource as unknown as MapLayerSource<TRequisitionMapItem>;
  async function stated(id: string, type: string) {
    const event = (await w.eventsAbout(id)).filter((e) => e.type === type).at(-1);
    expect(event, type).toBeDefined();
    return source.changes(event as never, w.m.database.db);
  }

  it('states the items of an issued order at its place, never the owner, and takes a returned one off', async () => {
    const incidentId = await w.reportIncident();
    const request = buildOrderRequest(incidentId);
    const asked = ZOrder.parse((await w.as('requester', 'POST', ORDERS, request)).body);
    expect(
      (await requisitionsMapSource.snapshot(w.m.database.db)).filter(
        (i) => i.data.orderId === asked.id,
      ),
    ).toEqual([]);
    const order = ZOrder.parse(
      (await w.as('approver', 'POST', `${ORDERS}/${asked.id}/approve`)).body,
    );
    const issued = await stated(order.id, 'requisition.order.issued');
    expect(issued).toHaveLength(2);
    const boat = issued.find(
      (c) => c.op === 'upsert' && c.item.data.description.includes('冲锋舟'),
    );
    expect(boat?.op === 'upsert' && ZRequisitionMapItem.parse(boat.item.data)).toEqual({
      orderId: order.id,
      itemId: order.items[0]!.id,
      incidentId,
      description: '冲锋舟（含 40 马力舷外机）',
      certificateNumber: order.certificateNumber,
      status: 'in_use',
      location: { lon: 106.44, lat: 29.85 },
    });
    expect(boat?.op === 'upsert' && boat.item).toMatchObject({
      incidentId,
      exercise: false,
      audience: { roles: ['admin', 'duty_officer', 'commander'] },
    });
    const owner = request.owner as { name: string; phone: string };
    expect(JSON.stringify(issued)).not.toContain(owner.phone);
    expect(JSON.stringify(issued)).not.toContain(owner.name);

    const item = `${ORDERS}/${order.id}/items/${order.items[0]!.id}`;
    await w.as('requester', 'POST', `${item}/handover`, {});
    await w.as('requester', 'POST', `${item}/return`, { outcome: 'intact', condition: '完好' });
    const returned = await stated(order.items[0]!.id, 'requisition.item.returned');
    expect(returned).toContainEqual({ op: 'remove', id: order.items[0]!.id });
    expect(returned.filter((c) => c.op === 'upsert')).toHaveLength(1);
  });
});
