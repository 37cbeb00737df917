import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZIncident, type AppRegistry } from '@muster/contracts';
import type { EventDraft } from '../../platform/bus/outbox.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  buildIncident,
  startResponseWorld,
  type ResponseWorld,
} from '../../testing/response-world.ts';

const INCIDENTS = '/api/response/incidents';
const ORDER = '0190a5c0-0000-7000-8000-00000000bb77';

/**
 * Each event type has a durable consumer of its own, so an item's return can be applied before
 * its order's issue is. The return still reaches the incident's timeline: its envelope names
 * the incident.
 */
describe('response: a requisition return applied before its order', () => {
  let w: ResponseWorld;
  const publish = (drafts: EventDraft<AppRegistry>[]) =>
    w.m.database.db.transaction((tx) => w.m.outbox.append(tx, drafts));

  beforeAll(async () => {
    w = await startResponseWorld({ duty: { role: 'duty_officer' } });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('puts the return on the timeline of the incident its envelope names', async () => {
    const id = ZIncident.parse((await w.as('duty', 'POST', INCIDENTS, buildIncident())).body).id;
    // The order's issue is never applied here: only its return arrives.
    await publish([
      {
        type: 'requisition.item.returned',
        actor: 'system',
        incidentId: id,
        data: {
          orderId: ORDER,
          itemId: '0190a5c0-0000-7000-8000-00000000cc77',
          returnedAt: new Date().toISOString(),
          damaged: true,
          outcome: 'damaged',
        },
      },
    ]);
    const line = await waitFor('the return on the timeline', async () => {
      const tl = (await w.as('duty', 'GET', `${INCIDENTS}/${id}/timeline?limit=100`)).body as {
        items: { kind: string }[];
      };
      return tl.items.find((i) => i.kind === 'requisition.returned');
    });
    expect(line).toBeDefined();
  });
});
