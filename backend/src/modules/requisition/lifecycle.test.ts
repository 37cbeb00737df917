import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZClaim, ZOrder, ZOwnerStatus, type TClaim, type TOrder } from '@muster/contracts';
import { errorCode } from '../../testing/http.ts';
import { buildOrderRequest } from '../../testing/requisition.ts';
import { startRequisitionWorld, type RequisitionWorld } from '../../testing/requisition-world.ts';

const ORDERS = '/api/requisition/orders';
const CLAIMS = '/api/requisition/claims';
const ev = [{ kind: 'invoice', reference: 'FP-2026-0711' }];

/** The verification code printed on a certificate page. */
const codeOf = (html: string) => /class="code">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(html)?.[1];

describe('requisition: the full lifecycle', () => {
  let w: RequisitionWorld;
  beforeAll(async () => {
    w = await startRequisitionWorld({
      duty: { role: 'duty_officer' },
      duty2: { role: 'duty_officer' },
      dept: { role: 'department' },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('requests, approves (four-eyes), prints, hands over, uses, returns, assesses, decides, pays and lets the owner follow', async () => {
    const incidentId = await w.reportIncident();
    const request = buildOrderRequest(incidentId);
    const made = await w.as('duty', 'POST', ORDERS, request);
    expect(made.status).toBe(201);
    const requested = ZOrder.parse(made.body);
    expect(requested).toMatchObject({
      status: 'requested',
      exercise: false,
      certificateNumber: null,
    });
    expect(requested.items.map((i) => i.status)).toEqual([
      'awaiting_handover',
      'awaiting_handover',
    ]);
    const o = `${ORDERS}/${requested.id}`;

    // Four-eyes: the requester never approves, and nothing was numbered by the attempt.
    const self = await w.as('duty', 'POST', `${o}/approve`);
    expect(self.status).toBe(403);
    expect(errorCode(self)).toBe('requisition.self_approval');
    expect(errorCode(await w.as('dept', 'POST', `${o}/approve`))).toBe('auth.forbidden');
    const issued = ZOrder.parse((await w.as('duty2', 'POST', `${o}/approve`)).body);
    expect(issued.status).toBe('issued');
    expect(issued.certificateNumber).toBe('北碚应急征〔2026〕第0001号');
    expect(issued.claimId).not.toBeNull();
    expect(issued.ownerDetails.holdId).not.toBeNull();
    expect(errorCode(await w.as('duty2', 'POST', `${o}/approve`))).toBe('requisition.wrong_status');

    // The certificate: the printable page with its QR code and code, and the same page as a PDF.
    const page = await w.fetchAs('duty', `${o}/certificate`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const text = await page.text();
    expect(text).toContain('北碚应急征〔2026〕第0001号');
    expect(text).toContain('<svg');
    expect(text).toContain(request.items[0]!.identification);
    const code = codeOf(text);
    expect(code).toBeDefined();
    // The ID number is printed masked whoever prints.
    const idNumber = (request.owner as { idNumber: string }).idNumber;
    expect(text).not.toContain(idNumber);
    expect(text).toContain(idNumber.slice(-4));
    const pdf = await w.fetchAs('duty', `${o}/certificate.pdf`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(errorCode(await w.as('dept', 'GET', `${o}/certificate`))).toBe('auth.forbidden');

    const [boat, vests] = issued.items as [TOrder['items'][number], TOrder['items'][number]];
    // Return before hand-over is refused and changes nothing.
    const early = await w.as('duty', 'POST', `${o}/items/${boat.id}/return`, {
      outcome: 'intact',
      condition: '完好',
    });
    expect(early.status).toBe(409);
    expect(errorCode(early)).toBe('requisition.not_handed_over');

    await w.advance(3_600_000);
    for (const it of [boat, vests])
      expect((await w.as('duty', 'POST', `${o}/items/${it.id}/handover`, {})).status).toBe(200);
    const logged = ZOrder.parse(
      (
        await w.as('duty', 'POST', `${o}/items/${boat.id}/use-log`, {
          note: '转移群众 36 人至澄江中学',
        })
      ).body,
    );
    expect(logged.items[0]?.useLog.map((e) => e.note)).toEqual(['转移群众 36 人至澄江中学']);
    await w.advance(2 * 86_400_000);
    await w.as('duty', 'POST', `${o}/items/${boat.id}/return`, {
      outcome: 'damaged',
      condition: '船底擦伤，可修复',
      damage: '船底擦伤 40 厘米',
    });
    // Only materials are consumed.
    const badConsume = await w.as('duty', 'POST', `${o}/items/${boat.id}/return`, {
      outcome: 'consumed',
    });
    expect(errorCode(badConsume)).toBe('requisition.wrong_status');
    const back = ZOrder.parse(
      (await w.as('duty', 'POST', `${o}/items/${vests.id}/return`, { outcome: 'consumed' })).body,
    );
    expect(back.items.map((i) => [i.status, i.outcome])).toEqual([
      ['returned', 'damaged'],
      ['consumed', 'consumed'],
    ]);

    // Assessment by one official, decision by another.
    const c = `${CLAIMS}/${issued.claimId}`;
    const assessed = ZClaim.parse(
      (
        await w.as('duty', 'POST', `${c}/assessment`, {
          lines: [
            { method: 'rental', itemId: boat.id, dailyRateFen: 33_333, days: '2.5', evidence: ev },
            {
              method: 'repair',
              itemId: boat.id,
              repairCostFen: 120_000,
              evidence: [{ kind: 'quote', reference: 'BJ-0712' }],
            },
            {
              method: 'materials',
              itemId: vests.id,
              unitPriceFen: 6_850,
              quantity: '40',
              evidence: ev,
            },
          ],
        })
      ).body,
    );
    // 33,333 × 2.5 = 83,332.5 → 83,333; + 120,000 + 274,000.
    expect(assessed.assessment?.lines.map((l) => l.amountFen)).toEqual([83_333, 120_000, 274_000]);
    expect(assessed).toMatchObject({ status: 'assessed', amountFen: 477_333 });
    const selfApprove = await w.as('duty', 'POST', `${c}/approve`, {
      reasons: '按市场租金及维修报价核定',
    });
    expect(errorCode(selfApprove)).toBe('requisition.self_approval');
    const decided: TClaim = ZClaim.parse(
      (await w.as('duty2', 'POST', `${c}/approve`, { reasons: '按市场租金及维修报价核定' })).body,
    );
    expect(decided.status).toBe('approved');
    expect(decided.decision?.remedy.zh).toContain('六十日内依法申请行政复议');
    expect(decided.decision?.remedy).toMatchObject({
      reconsiderationUntil: '2026-09-10', // decided 2026-07-12
      litigationUntil: '2027-01-12',
    });

    const pay = (amountFen: number, reference: string) =>
      w.as('duty', 'POST', `${c}/payments`, {
        amountFen,
        paidOn: '2026-07-12',
        payer: '北碚区财政局',
        reference,
      });
    expect(ZClaim.parse((await pay(200_000, 'ZF-001')).body).status).toBe('partially_paid');
    expect(errorCode(await pay(1, 'ZF-001'))).toBe('requisition.payment_duplicate');
    const paid = ZClaim.parse((await pay(277_333, 'ZF-002')).body);
    expect(paid).toMatchObject({ status: 'paid', paidFen: 477_333 });

    // The owner follows it with the certificate's number and code; no personal data comes back.
    const lookup = await w.as('public', 'POST', '/api/public/requisition/status', {
      certificateNumber: issued.certificateNumber,
      verificationCode: code,
    });
    expect(lookup.status).toBe(200);
    const status = ZOwnerStatus.parse(lookup.body);
    expect(status.claim).toMatchObject({ status: 'paid', amountFen: 477_333, paidFen: 477_333 });
    expect(status.claim.decision?.remedy.en).toContain('within 60 days');
    const json = JSON.stringify(lookup.body);
    for (const secret of [request.owner.name, request.owner.phone, idNumber])
      expect(json).not.toContain(secret);
    const wrong = await w.as('public', 'POST', '/api/public/requisition/status', {
      certificateNumber: issued.certificateNumber,
      verificationCode: 'AAAA-AAAA',
    });
    expect(errorCode(wrong)).toBe('requisition.lookup_failed');

    // Every change evented, with the owner nowhere in the events.
    const types = (await w.eventsAbout(requested.id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'requisition.order.requested',
        'requisition.order.issued',
        'requisition.item.handed_over',
        'requisition.item.use_logged',
        'requisition.item.returned',
      ]),
    );
    const claimEvents = await w.eventsAbout(issued.claimId!);
    expect(claimEvents.map((e) => e.type)).toEqual([
      'requisition.compensation.assessed',
      'requisition.compensation.approved',
      'requisition.compensation.paid',
      'requisition.compensation.paid',
    ]);
    const all = JSON.stringify([...(await w.eventsAbout(requested.id)), ...claimEvents]);
    for (const secret of [request.owner.name, request.owner.phone, idNumber])
      expect(all).not.toContain(secret);
    const audit = (await w.auditOf(requested.id)).map((a) => a.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'requisition.order.requested',
        'requisition.order.issued',
        'requisition.certificate.printed',
      ]),
    );
    expect((await w.auditOf(issued.claimId!)).map((a) => a.action)).toEqual([
      'requisition.compensation.assessed',
      'requisition.compensation.approved',
      'requisition.compensation.paid',
      'requisition.compensation.paid',
    ]);
  });

  it('numbers certificates in sequence per year, drills in their own series', async () => {
    const real = await w.reportIncident();
    const drill = await w.reportIncident({ exercise: true });
    const issue = async (incidentId: string) => {
      const r = ZOrder.parse(
        (await w.as('duty', 'POST', ORDERS, buildOrderRequest(incidentId, { ownerKind: 'unit' })))
          .body,
      );
      return ZOrder.parse((await w.as('duty2', 'POST', `${ORDERS}/${r.id}/approve`)).body);
    };
    const a = await issue(real);
    const b = await issue(drill);
    const c = await issue(real);
    expect(a.certificateNumber).toMatch(/^北碚应急征〔2026〕第\d{4}号$/);
    expect(Number(c.certificateNumber!.slice(-5, -1))).toBe(
      Number(a.certificateNumber!.slice(-5, -1)) + 1,
    );
    expect(b).toMatchObject({
      exercise: true,
      certificateNumber: '北碚应急征（演练）〔2026〕第0001号',
    });
    const drillEvents = await w.eventsAbout(b.id);
    expect(drillEvents.every((e) => e.exercise)).toBe(true);
  });
});
