import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZTeam, type TReminder, type TTeam } from '@muster/contracts';
import { errorCode } from '../../testing/http.ts';
import { movableClock } from '../../testing/clock.ts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { DAY_MS, TEAMS, approvedTeam, issuePaths } from '../../testing/forces-registry.ts';

const ACCOUNTS = {
  leader: { role: 'team_leader' },
  duty: { role: 'duty_officer' },
  admin: { role: 'admin' },
} as const;
const names = Object.keys(ACCOUNTS);

describe('forces registry: approval lapses yearly and is renewed', () => {
  const clock = movableClock(new Date('2026-03-01T02:00:00Z'));
  let w: ForcesWorld;
  beforeAll(async () => {
    w = await startForcesWorld(ACCOUNTS, { clock });
  });
  afterAll(async () => {
    await w?.stop();
  });
  const advanceTo = async (iso: string) => {
    clock.advance(Date.parse(iso) - clock.now().getTime());
    await w.relogin(...names);
    await w.m.sweeps.runNow();
  };

  it('lapses a year on (once), reminds before, and renews early without a gap', async () => {
    const { team } = await approvedTeam(w, 'leader', {
      filing: {
        insurance: [
          { insurer: '人保', number: 'P-L1', validFrom: '2026-01-01', validTo: '2028-12-31' },
        ],
      },
      members: [{ certificates: [{ name: '救护员证', number: 'RC-1', expiresOn: '2030-12-31' }] }],
    });
    expect(team.approvalExpiresAt).toBe('2027-03-01T02:00:00.000Z');
    expect(team.callable).toBe(true);
    const t = `${TEAMS}/${team.id}`;
    // Renewal opens 60 days before the end.
    expect(errorCode(await w.as('leader', 'POST', `${t}/submit`))).toBe('forces.renewal_not_due');

    await advanceTo('2027-02-01T02:00:00Z');
    await w.m.sweeps.runNow();
    const raised = (await w.eventsOf(team.id)).filter((e) => e.type === 'forces.reminder.raised');
    expect(raised.map((e) => e.data)).toEqual([
      expect.objectContaining({ kind: 'approval', dueOn: '2027-03-01', thresholdDays: 30 }),
    ]);
    const list = await w.as('leader', 'GET', '/api/forces/reminders');
    expect((list.body as { items: TReminder[] }).items.map((r) => r.kind)).toEqual(['approval']);

    await advanceTo('2027-03-01T02:00:01Z');
    await w.m.sweeps.runNow();
    const lapsed = ZTeam.parse((await w.as('duty', 'GET', t)).body);
    expect(lapsed.status).toBe('lapsed');
    expect(lapsed.callable).toBe(false);
    expect(lapsed.callability.find((c) => c.code === 'approved_and_current')?.ok).toBe(false);
    const events = (await w.eventsOf(team.id)).map((e) => e.type);
    expect(events.filter((e) => e === 'forces.team.lapsed')).toHaveLength(1);
    const audit = await w.auditOf(team.id);
    expect(audit.find((a) => a.action === 'forces.team.lapsed')?.actor).toBe('system');
    // The lapse closed the approval reminder.
    expect((await w.as('leader', 'GET', '/api/forces/reminders')).body).toMatchObject({
      items: [],
    });

    // Renewal after a lapse is a resubmission, reviewed like any.
    const re = await w.as('leader', 'POST', `${t}/submit`);
    expect((re.body as TTeam).status).toBe('submitted');
    const again = (await w.as('duty', 'POST', `${t}/approve`)).body as TTeam;
    expect(again.approvalExpiresAt).toBe('2028-03-01T02:00:01.000Z');

    // Early renewal: handed in within 60 days, still approved (callable) meanwhile, no days lost.
    await advanceTo('2028-01-15T00:00:00Z');
    const early = (await w.as('leader', 'POST', `${t}/submit`)).body as TTeam;
    expect(early).toMatchObject({ status: 'approved', callable: true });
    expect(early.renewalSubmittedAt).not.toBeNull();
    expect(errorCode(await w.as('leader', 'POST', `${t}/submit`))).toBe('forces.wrong_status');
    const renewed = (await w.as('duty', 'POST', `${t}/approve`)).body as TTeam;
    expect(renewed.approvalExpiresAt).toBe('2029-03-01T02:00:01.000Z');
    expect(renewed.renewalSubmittedAt).toBeNull();
    const submitted = (await w.eventsOf(team.id)).filter((e) => e.type === 'forces.team.submitted');
    expect(submitted.at(-1)?.data).toEqual({ teamId: team.id, resubmission: true, renewal: true });
  });
});

describe('forces registry: suspension, reinstatement and revocation', () => {
  const clock = movableClock(new Date('2026-03-01T02:00:00Z'));
  let w: ForcesWorld;
  beforeAll(async () => {
    w = await startForcesWorld(ACCOUNTS, { clock });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('suspends and reinstates with reasons, four eyes, events and audit; revocation is final', async () => {
    const { team } = await approvedTeam(w, 'leader', { members: [{}] });
    const t = `${TEAMS}/${team.id}`;
    const noReason = await w.as('duty', 'POST', `${t}/suspend`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(issuePaths(noReason.body)).toEqual(['body.reason']);
    expect(errorCode(await w.as('leader', 'POST', `${t}/suspend`, { reason: '自查' }))).toBe(
      'auth.forbidden',
    );
    await w.addAccount('dutyInTeam', { role: 'duty_officer', teamId: team.id });
    expect(
      errorCode(await w.as('dutyInTeam', 'POST', `${t}/suspend`, { reason: '装备不合格' })),
    ).toBe('forces.self_review');

    const s = ZTeam.parse(
      (await w.as('duty', 'POST', `${t}/suspend`, { reason: '救援装备检验不合格' })).body,
    );
    expect(s).toMatchObject({
      status: 'suspended',
      statusReason: '救援装备检验不合格',
      callable: false,
    });
    // Suspended teams are out of the public register.
    expect((await w.as('public', 'GET', t)).status).toBe(404);
    // Only an approved team is suspended.
    expect(errorCode(await w.as('duty', 'POST', `${t}/suspend`, { reason: '再次暂停' }))).toBe(
      'forces.wrong_status',
    );
    const back = ZTeam.parse(
      (await w.as('admin', 'POST', `${t}/reinstate`, { note: '复检合格' })).body,
    );
    expect(back).toMatchObject({ status: 'approved', callable: true });

    // A suspension that outlives the approval ends in a lapse, not an approval.
    await w.as('duty', 'POST', `${t}/suspend`, { reason: '整改中' });
    clock.advance(366 * DAY_MS);
    await w.relogin(...names, 'dutyInTeam');
    const late = ZTeam.parse((await w.as('duty', 'POST', `${t}/reinstate`, {})).body);
    expect(late.status).toBe('lapsed');

    const revoked = ZTeam.parse(
      (await w.as('duty', 'POST', `${t}/revoke`, { reason: '组织已注销' })).body,
    );
    expect(revoked).toMatchObject({ status: 'revoked', statusReason: '组织已注销' });
    expect(errorCode(await w.as('duty', 'POST', `${t}/reinstate`, {}))).toBe('forces.wrong_status');
    expect(errorCode(await w.as('leader', 'POST', `${t}/submit`))).toBe('forces.wrong_status');
    expect(errorCode(await w.as('leader', 'PUT', `${t}/equipment`, { equipment: [] }))).toBe(
      'forces.wrong_status',
    );

    const events = await w.eventsOf(team.id);
    const lifecycle = events
      .map((e) => e.type)
      .filter((x) => /suspended|reinstated|revoked/.test(x));
    expect(lifecycle).toEqual([
      'forces.team.suspended',
      'forces.team.reinstated',
      'forces.team.suspended',
      'forces.team.reinstated',
      'forces.team.revoked',
    ]);
    expect(events.find((e) => e.type === 'forces.team.reinstated' && e.data)?.data).toEqual({
      teamId: team.id,
      status: 'approved',
    });
    const audit = (await w.auditOf(team.id)).map((a) => a.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'forces.team.suspended',
        'forces.team.reinstated',
        'forces.team.revoked',
      ]),
    );
  });
});

describe('forces registry: callable today, maintenance and reminders under a moving clock', () => {
  const clock = movableClock(new Date('2026-03-01T02:00:00Z'));
  let w: ForcesWorld;
  beforeAll(async () => {
    w = await startForcesWorld(ACCOUNTS, { clock });
  });
  afterAll(async () => {
    await w?.stop();
  });
  const advance = async (days: number) => {
    clock.advance(days * DAY_MS);
    await w.relogin(...names);
    await w.m.sweeps.runNow();
  };
  const checks = async (id: string) => {
    const t = ZTeam.parse((await w.as('duty', 'GET', `${TEAMS}/${id}`)).body);
    return {
      callable: t.callable,
      ...Object.fromEntries(t.callability.map((c) => [c.code, c.ok])),
    };
  };

  it('is not callable once a certificate or the insurance runs out; the leader mends both without review', async () => {
    const policy = {
      insurer: '人保',
      number: 'P-C1',
      validFrom: '2026-01-01',
      validTo: '2026-03-20',
    };
    const { team, members } = await approvedTeam(w, 'leader', {
      filing: { insurance: [policy] },
      members: [{ certificates: [{ name: '救护员证', number: 'RC-9', expiresOn: '2026-03-05' }] }],
    });
    expect(await checks(team.id)).toMatchObject({ callable: true, certificates_valid: true });
    await w.m.sweeps.runNow();
    const reminded = async () =>
      (await w.eventsOf(team.id))
        .filter((e) => e.type === 'forces.reminder.raised')
        .map((e) => e.data as { kind: string; thresholdDays: number });
    // Certificate (4 days left) and policy (19 days left): one reminder each, at their threshold.
    expect(await reminded()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'certificate', thresholdDays: 7 }),
        expect.objectContaining({ kind: 'insurance', thresholdDays: 30 }),
      ]),
    );
    await w.m.sweeps.runNow();
    expect(await reminded()).toHaveLength(2);

    await advance(5); // 2026-03-06: the certificate expired on the 5th.
    expect(await checks(team.id)).toMatchObject({
      callable: false,
      certificates_valid: false,
      insured_today: true,
    });
    await advance(8); // 2026-03-14: 6 days left on the policy.
    await advance(6); // 2026-03-20: its last day.
    await advance(1); // 2026-03-21: the policy ended on the 20th.
    expect(await checks(team.id)).toMatchObject({ callable: false, insured_today: false });
    expect(
      (await reminded()).filter((r) => r.kind === 'insurance').map((r) => r.thresholdDays),
    ).toEqual([30, 7, 1]);

    const t = `${TEAMS}/${team.id}`;
    const badPolicy = await w.as('leader', 'PUT', `${t}/insurance`, {
      insurance: [{ ...policy, validFrom: '2026-04-01', validTo: '2026-03-01' }],
    });
    expect(issuePaths(badPolicy.body)).toEqual(['body.insurance.0.validTo']);
    const insured = await w.as('leader', 'PUT', `${t}/insurance`, {
      insurance: [
        policy,
        { ...policy, number: 'P-C2', validFrom: '2026-03-21', validTo: '2027-03-20' },
      ],
    });
    expect(insured.status).toBe(200);
    expect((insured.body as TTeam).status).toBe('approved');
    const member = members[0]!;
    const renewedCert = await w.as('leader', 'PUT', `${t}/members/${member.id}`, {
      name: '张队员',
      phone: '13912345678',
      emergencyContact: { name: '张家属', phone: '13987654321' },
      skills: ['swimming'],
      certificates: [{ name: '救护员证', number: 'RC-10', expiresOn: '2029-03-05' }],
    });
    expect(renewedCert.status).toBe(200);
    expect(await checks(team.id)).toMatchObject({ callable: true });
    const maintained = (await w.eventsOf(team.id))
      .filter((e) => e.type === 'forces.team.maintained')
      .map((e) => (e.data as { what: string }).what);
    expect(maintained).toEqual(['insurance', 'member_updated']);
    // Only its leader maintains a team.
    await w.addAccount('otherLeader', { role: 'team_leader' });
    expect(errorCode(await w.as('otherLeader', 'PUT', `${t}/equipment`, { equipment: [] }))).toBe(
      'forces.not_your_team',
    );

    // A change to the core of the filing goes back to review; contacts alone do not.
    const filing = (await w.as('leader', 'GET', t)).body as TTeam;
    const whole = {
      name: filing.name,
      kind: filing.kind,
      creditCode: filing.creditCode,
      base: filing.base,
      serviceArea: filing.serviceArea,
      leader: { name: '李队长', phone: '13911112222' },
      contacts: [],
      capabilities: filing.capabilities,
      equipment: filing.equipment,
      insurance: filing.insurance.map(({ id: _id, ...p }) => p),
    };
    expect(((await w.as('leader', 'PUT', t, whole)).body as TTeam).status).toBe('approved');
    const moved = await w.as('leader', 'PUT', t, { ...whole, capabilities: ['hazmat'] });
    expect((moved.body as TTeam).status).toBe('submitted');
    expect((await w.auditOf(team.id)).map((a) => a.action)).toContain('forces.team.amended');
  });
});
