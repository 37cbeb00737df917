import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZClaim, ZClaimList, ZInjuryClaim, ZObjection } from '@muster/contracts';
import { newId } from '../../platform/ids.ts';
import { errorCode } from '../../testing/http.ts';
import { startRequisitionWorld, type RequisitionWorld } from '../../testing/requisition-world.ts';

const CLAIMS = '/api/requisition/claims';

describe('requisition: call-up compensation from the stand-down', () => {
  let w: RequisitionWorld;
  const teamId = newId();
  const otherTeam = newId();
  beforeAll(async () => {
    w = await startRequisitionWorld({
      duty: { role: 'duty_officer' },
      duty2: { role: 'duty_officer' },
      leader: { role: 'team_leader', teamId },
      otherLeader: { role: 'team_leader', teamId: otherTeam },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  const standDown = (incidentId: string, callupId: string, o: { exercise?: boolean } = {}) => ({
    type: 'forces.callup.stood_down' as const,
    actor: 'system',
    incidentId,
    exercise: o.exercise ?? false,
    data: {
      callupId,
      incidentId,
      teamId,
      deployedAt: '2026-07-10T09:00:00+08:00',
      stoodDownAt: '2026-07-11T03:00:00+08:00',
      people: [
        { memberId: newId(), hours: 18 },
        { memberId: newId(), hours: 17.5 },
        { memberId: newId(), hours: 0.3 },
      ],
      equipment: [{ kind: '冲锋舟', count: 2, hours: 12.25 }],
      expenses: [{ description: '燃油', fen: 46_080 }],
      terms: {
        personHourFen: 3_333,
        equipmentHourFen: [{ kind: '冲锋舟', fen: 12_000 }],
        expensesReimbursed: true,
      },
    },
  });

  it('makes one claim from a stand-down, even when the stand-down arrives twice', async () => {
    const incidentId = await w.reportIncident();
    const callupId = newId();
    // Two events for the same deployment (different ids: the runner's de-duplication cannot help).
    await w.publish([standDown(incidentId, callupId), standDown(incidentId, callupId)]);
    const list = ZClaimList.parse(
      (await w.as('duty', 'GET', `${CLAIMS}?incidentId=${incidentId}`)).body,
    );
    expect(list.items).toHaveLength(1);
    const claim = list.items[0]!;
    // (18 + 17.5 + 0.3) h × 3,333 = 119,321.4 → 119,321; 2 × 12.25 h × 12,000 = 294,000; fuel at cost.
    expect(claim.assessment?.lines.map((l) => [l.method, l.amountFen])).toEqual([
      ['callup_people', 119_321],
      ['callup_equipment', 294_000],
      ['callup_expense', 46_080],
    ]);
    expect(claim).toMatchObject({
      kind: 'callup',
      status: 'assessed',
      amountFen: 459_401,
      teamId,
      callupId,
    });
    expect(claim.assessment?.by).toBe('system');
    const assessed = (await w.eventsAbout(claim.id)).filter(
      (e) => e.type === 'requisition.compensation.assessed',
    );
    expect(assessed).toHaveLength(1);
    expect(assessed[0]?.data).toEqual({
      claimId: claim.id,
      kind: 'callup',
      incidentId,
      amountFen: 459_401,
    });
    expect((await w.auditOf(callupId)).map((a) => a.action)).toEqual([
      'requisition.callup_claim.duplicate_ignored',
    ]);

    // The team's leader sees their own claim; another team's leader does not.
    expect((await w.as('leader', 'GET', `${CLAIMS}/${claim.id}`)).status).toBe(200);
    expect(errorCode(await w.as('otherLeader', 'GET', `${CLAIMS}/${claim.id}`))).toBe(
      'requisition.claim_not_found',
    );
    const theirs = ZClaimList.parse((await w.as('otherLeader', 'GET', CLAIMS)).body);
    expect(theirs.items).toHaveLength(0);
  });

  it('four-eyes on a re-assessment; objection by the team; injury insurance against its policy', async () => {
    const drillRunId = newId();
    const incidentId = await w.reportIncident({ exercise: true, drillRunId });
    await w.publish([standDown(incidentId, newId(), { exercise: true })]);
    const [claim] = ZClaimList.parse(
      (await w.as('duty', 'GET', `${CLAIMS}?incidentId=${incidentId}`)).body,
    ).items;
    expect(claim?.exercise).toBe(true);
    const c = `${CLAIMS}/${claim!.id}`;
    // The approver sends it back; duty corrects the hours (the third member left early).
    expect(
      ZClaim.parse(
        (await w.as('duty2', 'POST', `${c}/send-back`, { reason: '第三名队员工时有误' })).body,
      ).status,
    ).toBe('open');
    const re = ZClaim.parse(
      (
        await w.as('duty', 'POST', `${c}/callup-assessment`, {
          people: [
            { memberId: newId(), hours: '18' },
            { memberId: newId(), hours: '17.5' },
          ],
          equipment: [{ kind: '冲锋舟', count: 2, hours: '12.25' }],
          expenses: [{ description: '燃油', fen: 46_080 }],
          note: '按签到记录更正工时',
        })
      ).body,
    );
    // 35.5 h × 3,333 = 118,321.5 → 118,322 (half up)
    expect(re.assessment?.lines[0]?.amountFen).toBe(118_322);
    expect(re.amountFen).toBe(118_322 + 294_000 + 46_080);
    expect(
      errorCode(await w.as('duty', 'POST', `${c}/approve`, { reasons: '按调用令标准核定' })),
    ).toBe('requisition.self_approval');
    const decided = ZClaim.parse(
      (await w.as('duty2', 'POST', `${c}/approve`, { reasons: '按调用令标准核定' })).body,
    );
    expect(decided.status).toBe('approved');
    const events = await w.eventsAbout(claim!.id);
    // Drill flags come from the incident even though the stand-down carried no drill run.
    expect(events.map((e) => [e.exercise, e.drillRunId])).toEqual(
      events.map(() => [true, drillRunId]),
    );

    // The team objects; a member of another team cannot.
    expect(
      errorCode(
        await w.as('otherLeader', 'POST', `${c}/objections`, {
          reasons: '装备使用时间应计算至返回驻地',
        }),
      ),
    ).toBe('requisition.not_your_claim');
    const filed = ZObjection.parse(
      (await w.as('leader', 'POST', `${c}/objections`, { reasons: '装备使用时间应计算至返回驻地' }))
        .body,
    );
    expect(filed).toMatchObject({ filedByKind: 'team', status: 'filed' });

    const injury = await w.as('leader', 'POST', `${c}/injury-claims`, {
      memberId: newId(),
      insurer: '中国人民财产保险股份有限公司重庆市分公司',
      policyNumber: 'PEAC2026500109000123',
      injuredOn: '2026-07-10',
    });
    expect(injury.status).toBe(201);
    const ic = ZInjuryClaim.parse(injury.body);
    expect(ic).toMatchObject({ status: 'filed', teamId, policyNumber: 'PEAC2026500109000123' });
    const paid = ZInjuryClaim.parse(
      (
        await w.as('duty', 'POST', `/api/requisition/injury-claims/${ic.id}`, {
          status: 'paid',
          benefitFen: 1_200_000,
          insurerReference: 'LP-88',
        })
      ).body,
    );
    expect(paid).toMatchObject({ status: 'paid', benefitFen: 1_200_000 });
    expect(errorCode(await w.as('otherLeader', 'GET', `${c}/injury-claims`))).toBe(
      'requisition.claim_not_found',
    );
    expect((await w.eventsAbout(claim!.id)).map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'requisition.objection.filed',
        'requisition.injury_claim.recorded',
        'requisition.injury_claim.updated',
      ]),
    );
  });
});
