import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ZTeam, type TTeam } from '@muster/contracts';
import { accounts } from '../../platform/access/tables.ts';
import { errorCode } from '../../testing/http.ts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { breakCheck, buildFiling, buildIdNumber, buildMember } from '../../testing/forces.ts';

const TEAMS = '/api/forces/teams';
const paths = (body: unknown) =>
  ((body as { error?: { issues?: { path: string }[] } }).error?.issues ?? []).map((i) => i.path);

describe('forces registry: filing and review', () => {
  let w: ForcesWorld;

  beforeAll(async () => {
    w = await startForcesWorld({
      leader: { role: 'team_leader' },
      leader2: { role: 'team_leader' },
      duty: { role: 'duty_officer' },
      admin: { role: 'admin' },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('refuses bad input with 400 naming each field path', async () => {
    const good = buildFiling();
    const bad = await w.as('leader2', 'POST', TEAMS, {
      ...good,
      creditCode: breakCheck(good.creditCode),
      leader: { name: '李队长', phone: '1381234567' },
      insurance: [
        { insurer: '人保', number: 'P1', validFrom: '2026-12-31', validTo: '2026-01-01' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('request.invalid');
    expect(paths(bad.body)).toEqual(
      expect.arrayContaining(['body.creditCode', 'body.leader.phone', 'body.insurance.0.validTo']),
    );

    const overlap = await w.as('leader2', 'POST', TEAMS, {
      ...buildFiling(),
      insurance: [
        { insurer: '人保', number: 'P1', validFrom: '2026-01-01', validTo: '2026-12-31' },
        { insurer: '平安', number: 'P2', validFrom: '2026-06-01', validTo: '2027-05-31' },
      ],
    });
    expect(overlap.status).toBe(400);
    expect(paths(overlap.body)).toEqual(['body.insurance.1.validFrom']);

    // Nothing was filed: the leader is still free to file.
    const [acc] = await w.m.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.id, w.ids.get('leader2')!));
    expect(acc?.teamId).toBeNull();
  });

  it('refuses a member with a bad ID number, phone or emergency contact', async () => {
    const filed = await w.as('leader2', 'POST', TEAMS, buildFiling());
    expect(filed.status).toBe(201);
    const teamId = (filed.body as TTeam).id;
    const res = await w.as('leader2', 'POST', `${TEAMS}/${teamId}/members`, {
      ...buildMember(),
      idNumber: breakCheck(buildIdNumber()),
      phone: '010-1234567',
      emergencyContact: { name: '家属', phone: '123' },
      certificates: [{ name: '证', number: 'N1', expiresOn: '2027-02-30' }],
    });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(
      expect.arrayContaining([
        'body.idNumber',
        'body.phone',
        'body.emergencyContact.phone',
        'body.certificates.0.expiresOn',
      ]),
    );
    // The error never echoes the ID number it refused.
    expect(JSON.stringify(res.body)).not.toMatch(/\d{17}/);
  });

  it('runs draft → submitted → returned → resubmitted → approved, evented and audited', async () => {
    const filing = buildFiling();
    const filed = await w.as('leader', 'POST', TEAMS, filing);
    expect(filed.status).toBe(201);
    const team = ZTeam.parse(filed.body);
    expect(team.status).toBe('draft');
    expect(team.leader.phone).toBe(filing.leader.phone);
    const [acc] = await w.m.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.id, w.ids.get('leader')!));
    expect(acc?.teamId).toBe(team.id);

    // A second filing by the same leader, or of the same credit code, is refused.
    expect(errorCode(await w.as('leader', 'POST', TEAMS, buildFiling()))).toBe(
      'forces.already_filed',
    );
    expect(errorCode(await w.as('leader2', 'POST', `${TEAMS}/${team.id}/submit`))).toBe(
      'forces.not_your_team',
    );
    // A draft cannot be reviewed.
    expect(errorCode(await w.as('duty', 'POST', `${TEAMS}/${team.id}/approve`))).toBe(
      'forces.wrong_status',
    );

    const t = `${TEAMS}/${team.id}`;
    expect((await w.as('leader', 'POST', `${t}/submit`)).status).toBe(200);
    // The leader never approves, not even their own filing.
    const self = await w.as('leader', 'POST', `${t}/approve`);
    expect(self.status).toBe(403);
    expect(errorCode(self)).toBe('auth.forbidden');
    // A duty officer who also serves in the team does not review its filing.
    await w.addAccount('dutyInTeam', { role: 'duty_officer', teamId: team.id });
    expect(errorCode(await w.as('dutyInTeam', 'POST', `${t}/approve`))).toBe('forces.self_review');
    // Once submitted the leader cannot edit it under the reviewer's feet.
    expect(errorCode(await w.as('leader', 'PUT', t, filing))).toBe('forces.wrong_status');

    const reasons = [{ field: 'insurance.0', reason: '保单未覆盖全部队员，请补充' }];
    const returned = await w.as('duty', 'POST', `${t}/return`, { reasons });
    expect(returned.status).toBe(200);
    expect(ZTeam.parse(returned.body)).toMatchObject({
      status: 'returned',
      returnReasons: reasons,
    });

    const edited = await w.as('leader', 'PUT', t, {
      ...filing,
      capabilities: ['water_rescue', 'drones'],
    });
    expect(edited.status).toBe(200);
    expect((edited.body as TTeam).capabilities).toEqual(['drones', 'water_rescue']);
    expect((await w.as('leader', 'POST', `${t}/submit`)).status).toBe(200);

    const approved = ZTeam.parse((await w.as('duty', 'POST', `${t}/approve`)).body);
    expect(approved.status).toBe('approved');
    expect(approved.returnReasons).toEqual([]);
    const year = new Date(approved.approvedAt!);
    year.setUTCFullYear(year.getUTCFullYear() + 1);
    expect(approved.approvalExpiresAt).toBe(year.toISOString());
    expect(errorCode(await w.as('duty', 'POST', `${t}/approve`))).toBe('forces.wrong_status');

    const events = await w.eventsOf(team.id);
    expect(events.map((e) => e.type)).toEqual([
      'forces.team.filed',
      'forces.team.submitted',
      'forces.team.returned',
      'forces.team.submitted',
      'forces.team.approved',
    ]);
    expect(events[1]?.data).toEqual({ teamId: team.id, resubmission: false });
    expect(events[2]?.data).toEqual({ teamId: team.id, reasons });
    expect(events[3]?.data).toEqual({ teamId: team.id, resubmission: true });
    expect(events[4]?.actor).toBe(w.ids.get('duty'));
    // Events carry ids and non-personal data only.
    expect(JSON.stringify(events)).not.toContain(filing.leader.phone);
    expect(JSON.stringify(events)).not.toContain(filing.leader.name);

    const audit = await w.auditOf(team.id);
    expect(audit.map((a) => a.action)).toEqual([
      'forces.team.filed',
      'forces.team.submitted',
      'forces.team.returned',
      'forces.team.edited',
      'forces.team.submitted',
      'forces.team.approved',
    ]);
    expect(audit.find((a) => a.action === 'forces.team.approved')).toMatchObject({
      actor: w.ids.get('duty'),
      legalBasis: expect.stringContaining('art. 39–40') as unknown,
    });
  });

  it('only a team leader files, and a credit code is filed once', async () => {
    const filing = buildFiling();
    expect(errorCode(await w.as('admin', 'POST', TEAMS, filing))).toBe('auth.forbidden');
    expect(errorCode(await w.as('public', 'POST', TEAMS, filing))).toBe('auth.required');
    await w.addAccount('leader3', { role: 'team_leader' });
    await w.addAccount('leader4', { role: 'team_leader' });
    expect((await w.as('leader3', 'POST', TEAMS, filing)).status).toBe(201);
    const dup = await w.as('leader4', 'POST', TEAMS, {
      ...buildFiling(),
      creditCode: filing.creditCode,
    });
    expect(errorCode(dup)).toBe('forces.credit_code_taken');
    // The refused filing linked nothing: leader 4 may still file.
    expect((await w.as('leader4', 'POST', TEAMS, buildFiling())).status).toBe(201);
  });
});
