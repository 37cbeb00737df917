import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMEDY_NOTICE, ZClaim, ZObjection, ZObjectionList, ZOwnerStatus } from '@muster/contracts';
import { errorCode } from '../../testing/http.ts';
import { decidedOrder } from '../../testing/requisition-flow.ts';
import { startRequisitionWorld, type RequisitionWorld } from '../../testing/requisition-world.ts';

const OBJECT = '/api/public/requisition/objections';

describe('requisition: objections and remedy (救济途径)', () => {
  let w: RequisitionWorld;
  beforeAll(async () => {
    w = await startRequisitionWorld({
      assessor: { role: 'duty_officer' },
      approver: { role: 'duty_officer' },
      reviewer: { role: 'admin' },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('the owner objects by certificate and code → independent review → upheld → assessed again', async () => {
    const incidentId = await w.reportIncident();
    const { order, claim, code } = await decidedOrder(w, incidentId, {
      requester: 'assessor',
      approver: 'approver',
    });
    expect(claim.decision?.remedy).toMatchObject({ zh: REMEDY_NOTICE.zh, en: REMEDY_NOTICE.en });

    const filed = await w.as('public', 'POST', OBJECT, {
      certificateNumber: order.certificateNumber,
      verificationCode: code.toLowerCase().replace('-', ''),
      reasons: '冲锋舟实际使用三天，按一天计算租金不合理',
    });
    expect(filed.status).toBe(201);
    const seen = ZOwnerStatus.parse(filed.body);
    expect(seen.objections).toEqual([expect.objectContaining({ status: 'filed', outcome: null })]);
    // One open objection at a time.
    const again = await w.as('public', 'POST', OBJECT, {
      certificateNumber: order.certificateNumber,
      verificationCode: code,
      reasons: '再次提出同一异议，请尽快处理',
    });
    expect(errorCode(again)).toBe('requisition.objection_open');

    const c = `/api/requisition/claims/${claim.id}`;
    const [objection] = ZObjectionList.parse(
      (await w.as('reviewer', 'GET', `${c}/objections`)).body,
    ).items;
    expect(objection).toMatchObject({ filedByKind: 'owner', filedBy: null, channel: 'online' });
    const o = `/api/requisition/objections/${objection!.id}`;
    // Who decided or assessed the claim does not review the objection to it.
    expect(errorCode(await w.as('approver', 'POST', `${o}/review`))).toBe(
      'requisition.self_review',
    );
    expect(errorCode(await w.as('assessor', 'POST', `${o}/review`))).toBe(
      'requisition.self_review',
    );
    expect(
      errorCode(
        await w.as('reviewer', 'POST', `${o}/decide`, {
          outcome: 'upheld',
          reasons: '尚未开始审查就作出决定',
        }),
      ),
    ).toBe('requisition.wrong_status');
    expect(ZObjection.parse((await w.as('reviewer', 'POST', `${o}/review`)).body).status).toBe(
      'under_review',
    );
    const decided = ZObjection.parse(
      (
        await w.as('reviewer', 'POST', `${o}/decide`, {
          outcome: 'upheld',
          reasons: '经核实使用三天，应按三天重新评估租金',
        })
      ).body,
    );
    expect(decided).toMatchObject({ status: 'decided', outcome: 'upheld' });
    expect(decided.decision?.reasons).toBe('经核实使用三天，应按三天重新评估租金');
    expect(decided.decision?.remedy.zh).toBe(REMEDY_NOTICE.zh);
    expect(decided.decision?.remedy.en).toBe(REMEDY_NOTICE.en);
    expect(decided.decision?.remedy.reconsiderationUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Upheld: the claim is open to be assessed again.
    const reopened = ZClaim.parse((await w.as('reviewer', 'GET', c)).body);
    expect(reopened).toMatchObject({ status: 'open', openObjectionId: null });
    const owner = ZOwnerStatus.parse(
      (
        await w.as('public', 'POST', '/api/public/requisition/status', {
          certificateNumber: order.certificateNumber,
          verificationCode: code,
        })
      ).body,
    );
    expect(owner.objections[0]?.decision?.remedy.zh).toBe(REMEDY_NOTICE.zh);
    expect((await w.eventsAbout(objection!.id)).map((e) => e.type)).toEqual([
      'requisition.objection.filed',
      'requisition.objection.review_started',
      'requisition.objection.decided',
    ]);
    expect((await w.auditOf(objection!.id)).map((a) => a.action)).toEqual([
      'requisition.objection.filed',
      'requisition.objection.review_started',
      'requisition.objection.decided',
    ]);
  });

  it('dismissed: the decision stands; an official records an objection received by letter', async () => {
    const incidentId = await w.reportIncident();
    const { claim } = await decidedOrder(w, incidentId, {
      requester: 'assessor',
      approver: 'approver',
    });
    const c = `/api/requisition/claims/${claim.id}`;
    const filed = ZObjection.parse(
      (
        await w.as('reviewer', 'POST', `${c}/objections`, {
          reasons: '被征用人来信称补偿标准偏低',
          channel: 'letter',
        })
      ).body,
    );
    expect(filed).toMatchObject({ filedByKind: 'office', channel: 'letter' });
    const o = `/api/requisition/objections/${filed.id}`;
    await w.as('reviewer', 'POST', `${o}/review`);
    await w.as('reviewer', 'POST', `${o}/decide`, {
      outcome: 'dismissed',
      reasons: '补偿标准符合本区公布的市场租金指导价',
    });
    expect(ZClaim.parse((await w.as('reviewer', 'GET', c)).body)).toMatchObject({
      status: 'approved',
      openObjectionId: null,
    });
  });

  it('answers a wrong code like an unknown number, and throttles guessing', async () => {
    const incidentId = await w.reportIncident();
    const { order } = await decidedOrder(w, incidentId, {
      requester: 'assessor',
      approver: 'approver',
    });
    const ask = (certificateNumber: string, verificationCode: string) =>
      w.as('public', 'POST', '/api/public/requisition/status', {
        certificateNumber,
        verificationCode,
      });
    expect(errorCode(await ask('北碚应急征〔2026〕第9999号', 'ABCD-EFGH'))).toBe(
      'requisition.lookup_failed',
    );
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(errorCode(await ask(order.certificateNumber!, 'ZZZZ-ZZZZ')));
    expect(codes.slice(0, 3)).toEqual([
      'requisition.lookup_failed',
      'requisition.lookup_failed',
      'requisition.lookup_failed',
    ]);
    expect(codes).toContain('requisition.lookup_throttled');
    // A malformed code is refused by the contract, naming the field.
    const bad = await ask(order.certificateNumber!, '12');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.verificationCode');
  });
});
