import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { ZHoldList, ZLedger, ZOrder, type TOrder } from '@muster/contracts';
import { grants } from '../../platform/access/grants.ts';
import { errorCode } from '../../testing/http.ts';
import { buildOrderRequest } from '../../testing/requisition.ts';
import { decidedOrder } from '../../testing/requisition-flow.ts';
import { startRequisitionWorld, type RequisitionWorld } from '../../testing/requisition-world.ts';

const ORDERS = '/api/requisition/orders';

describe('requisition: owners’ details per viewer, the ledger, and their end', () => {
  let w: RequisitionWorld;
  let incidentId: string;
  let order: TOrder;
  let idNumber: string;
  let phone: string;

  beforeAll(async () => {
    w = await startRequisitionWorld({
      admin: { role: 'admin' },
      duty: { role: 'duty_officer' },
      duty2: { role: 'duty_officer' },
      commander: { role: 'commander' },
      otherCommander: { role: 'commander' },
      dept: { role: 'department' },
      leader: { role: 'team_leader' },
    });
    incidentId = await w.reportIncident();
    await w.m.database.db.transaction((tx) =>
      grants.grant(tx, {
        kind: 'command',
        incidentId,
        accountId: w.ids.get('commander')!,
        at: w.clock.now(),
      }),
    );
    const decided = await decidedOrder(w, incidentId, {
      requester: 'duty',
      approver: 'duty2',
      dailyRateFen: 12_345,
    });
    order = decided.order;
    const full = ZOrder.parse((await w.as('admin', 'GET', `${ORDERS}/${order.id}`)).body);
    idNumber = full.owner.idNumber!;
    phone = full.owner.phone!;
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('projects the owner per role through the one policy, auditing whole views of the ID number', async () => {
    const owner = async (name: string) =>
      ZOrder.parse((await w.as(name, 'GET', `${ORDERS}/${order.id}`)).body).owner;
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    const duty = await owner('duty');
    expect(duty.phone).toBe(phone);
    expect(duty.idNumber).toBe(`${idNumber.slice(0, 3)}${'*'.repeat(11)}${idNumber.slice(-4)}`);
    const commander = await owner('commander');
    expect(commander).toMatchObject({ phone });
    expect(commander.idNumber).toBeUndefined();
    const other = await owner('otherCommander');
    expect(other.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(other.idNumber).toBeUndefined();
    const dept = await owner('dept');
    expect(dept).toEqual({ kind: 'person' });
    expect(errorCode(await w.as('leader', 'GET', `${ORDERS}/${order.id}`))).toBe('auth.forbidden');
    expect(errorCode(await w.as('public', 'GET', `${ORDERS}/${order.id}`))).toBe('auth.required');
    const views = (await w.auditOf(order.id)).filter((a) => a.action === 'personal.viewed');
    expect(views.map((v) => [v.actor, v.field])).toContainEqual([
      w.ids.get('admin'),
      'owner.idNumber',
    ]);
    expect(views.every((v) => v.actor === w.ids.get('admin'))).toBe(true);
  });

  it('keeps the ledger by status and exports it projected like REST', async () => {
    const ledger = ZLedger.parse(
      (await w.as('dept', 'GET', `/api/requisition/ledger?incidentId=${incidentId}`)).body,
    );
    expect(ledger.orders.issued).toBe(1);
    expect(ledger.claims).toEqual([
      { kind: 'property', status: 'approved', count: 1, amountFen: 24_690, paidFen: 0 },
    ]);
    expect(ledger.overall).toMatchObject({
      decidedFen: 24_690,
      outstandingFen: 24_690,
      paidFen: 0,
    });
    const real = ZLedger.parse(
      (await w.as('duty', 'GET', '/api/requisition/ledger?exercise=only')).body,
    );
    expect(real.overall.claims).toBe(0);

    const bytes = async (name: string) =>
      Buffer.from(
        await (
          await w.fetchAs(
            name,
            `/api/requisition/ledger/export?format=csv&incidentId=${incidentId}`,
          )
        ).arrayBuffer(),
      );
    const csv = async (name: string) => (await bytes(name)).toString('utf8');
    const admin = await csv('admin');
    // A byte-order mark, so spreadsheet programs read the Chinese as UTF-8.
    expect(admin.charCodeAt(0)).toBe(0xfeff);
    expect(admin).toContain(order.certificateNumber!);
    expect(admin).toContain('246.90');
    expect(admin).toContain(idNumber);
    const duty = await csv('duty');
    expect(duty).toContain(phone);
    expect(duty).not.toContain(idNumber);
    expect(duty).toContain(`${idNumber.slice(0, 3)}${'*'.repeat(11)}`);
    const dept = await csv('dept');
    expect(dept).not.toContain(phone);
    expect(dept).not.toContain(idNumber.slice(-6));
    expect(dept).toContain(order.certificateNumber!);
    const exported = (await w.auditOf(incidentId)).filter(
      (a) => a.action === 'requisition.ledger.exported',
    );
    expect(exported.map((a) => a.actor)).toEqual([
      w.ids.get('admin'),
      w.ids.get('duty'),
      w.ids.get('dept'),
    ]);

    const xlsx = await w.fetchAs(
      'duty',
      `/api/requisition/ledger/export?format=xlsx&incidentId=${incidentId}`,
    );
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain(order.certificateNumber!);
    expect(sheet).toContain('<v>24690</v>');
    expect(sheet).not.toContain(idNumber);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']),
    );
  });

  it('erases owners when the incident closes, except where compensation or remedy is open (a hold the admin sees)', async () => {
    const closing = await w.reportIncident();
    // Settled: decided and paid in full, but its remedy period still runs.
    const settled = await decidedOrder(w, closing, { requester: 'duty', approver: 'duty2' });
    await w.as('duty', 'POST', `/api/requisition/claims/${settled.claim.id}/payments`, {
      amountFen: settled.claim.amountFen,
      paidOn: '2026-07-10',
      payer: '北碚区财政局',
      reference: 'ZF-CLOSE-1',
    });
    // Open: issued, its claim never assessed.
    const openAsk = ZOrder.parse(
      (await w.as('duty', 'POST', ORDERS, buildOrderRequest(closing))).body,
    );
    const open = ZOrder.parse(
      (await w.as('duty2', 'POST', `${ORDERS}/${openAsk.id}/approve`)).body,
    );
    // Refused: never issued, nothing to compensate.
    const refusedAsk = ZOrder.parse(
      (await w.as('duty', 'POST', ORDERS, buildOrderRequest(closing, { ownerKind: 'unit' }))).body,
    );
    await w.as('duty2', 'POST', `${ORDERS}/${refusedAsk.id}/reject`, { reason: '已另行调配船只' });

    const holds = ZHoldList.parse(
      (await w.as('admin', 'GET', `/api/admin/holds?incidentId=${closing}`)).body,
    ).items;
    const active = holds.filter((h) => h.releasedAt === null);
    expect(
      active
        .map((h) => h.subjectIds)
        .flat()
        .sort(),
    ).toEqual([open.id, settled.order.id].sort());
    expect(
      active.every(
        (h) => h.holder === 'requisition.owners' && h.assessment.legality.includes('第十二条'),
      ),
    ).toBe(true);

    await w.publish([
      {
        type: 'response.incident.closed',
        actor: 'system',
        incidentId: closing,
        data: { incidentId: closing, closedAt: w.clock.now().toISOString() },
      },
    ]);
    await w.until(
      'the destruction job',
      async () =>
        (
          await w.m.database.db.execute(
            sql`select 1 from destruction_jobs where incident_id = ${closing}`,
          )
        ).length > 0,
    );
    await w.m.destruction.runDue();
    const owner = async (id: string) =>
      ZOrder.parse((await w.as('admin', 'GET', `${ORDERS}/${id}`)).body);
    const refused = await owner(refusedAsk.id);
    expect(refused.owner).toEqual({ kind: 'unit', unitName: refused.owner.unitName });
    expect(refused.ownerDetails.erasedAt).not.toBeNull();
    expect((await owner(open.id)).owner.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect((await owner(settled.order.id)).owner.phone).toBeDefined();

    // Seven months on, in steps shorter than the renewal margin (30 days) as the sweep sees
    // them: the open case's hold is renewed before it ends; the settled case's remedy period
    // runs out and its hold with it.
    for (let i = 0; i < 9; i++) {
      await w.advance(25 * 86_400_000);
      await w.m.sweeps.runNow();
    }
    await w.m.destruction.runDue();
    const gone = await owner(settled.order.id);
    expect(gone.owner.name).toBeUndefined();
    expect(gone.ownerDetails.erasedAt).not.toBeNull();
    const kept = await owner(open.id);
    expect(kept.owner.idNumber).toBeDefined();
    expect(new Date(kept.ownerDetails.holdUntil!).getTime()).toBeGreaterThan(
      w.clock.now().getTime(),
    );
    const records = (await w.as('admin', 'GET', `/api/admin/destructions?incidentId=${closing}`))
      .body as {
      items: { holder: string; destroyed: number; keptUnderHold: number }[];
    };
    // Each run leaves a record (renewals bring the job forward, so there may be runs between).
    const mine = records.items.filter((r) => r.holder === 'requisition.owners');
    expect(mine.reduce((n, r) => n + r.destroyed, 0)).toBe(2);
    expect(mine[0]).toMatchObject({ keptUnderHold: 1 });
    expect(mine.at(-1)).toMatchObject({ destroyed: 1, keptUnderHold: 2 });
  });
});
