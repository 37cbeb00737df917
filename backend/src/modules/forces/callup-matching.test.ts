import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZMatchResult, type TMatchCandidate, type TMatchResult } from '@muster/contracts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import {
  WINDOW,
  coveringPolicy,
  day,
  approvedTeam,
  buildCallup,
  places,
  reportIncident,
} from '../../testing/callups.ts';
import { buildFiling, buildMember } from '../../testing/forces.ts';
import { waitFor } from '../../testing/processes.ts';

const place = places();

const failed = (c: TMatchCandidate | undefined) =>
  c ? c.reasons.filter((r) => !r.ok).map((r) => r.code) : ['(absent)'];

describe('call-up matching through the registry tables', () => {
  let w: ForcesWorld;
  let incident: string;

  beforeAll(async () => {
    w = await startForcesWorld({
      duty: { role: 'duty_officer' },
      commander: { role: 'commander' },
      other: { role: 'commander' },
    });
    incident = await reportIncident(w, { commander: 'commander' });
  });
  afterAll(async () => {
    await w?.stop();
  });

  async function preview(rally: object, o: Record<string, unknown> = {}): Promise<TMatchResult> {
    const res = await w.as('duty', 'POST', '/api/forces/callups/preview', {
      incidentId: incident,
      needs: [{ capability: 'water_rescue', count: 2 }],
      rallyPoint: rally,
      window: WINDOW,
      ...o,
    });
    expect(res.status).toBe(200);
    return ZMatchResult.parse(res.body);
  }
  const find = (r: TMatchResult, id: string) =>
    [...r.candidates, ...r.excluded].find((c) => c.teamId === id);

  it('says why each team is in or out: insurance ending inside the window, an expired certificate, a filing not approved', async () => {
    const p = place();
    const good = await approvedTeam(w, 'good', { filing: { base: p.at(1) } });
    const insuranceEnds = await approvedTeam(w, 'insEnds', {
      filing: {
        base: p.at(2),
        insurance: [{ insurer: '人保', number: 'P-1', validFrom: day(-60), validTo: day(0) }],
      },
    });
    const certExpired = await approvedTeam(w, 'certOld', {
      filing: { base: p.at(3) },
      members: [{ certificates: [{ name: '救护员证', number: 'C-1', expiresOn: day(-1) }] }],
    });
    const renewed = await approvedTeam(w, 'renewed', {
      filing: { base: p.at(4) },
      members: [
        {
          certificates: [
            { name: '救护员证', number: 'C-2', expiresOn: day(-200) },
            { name: '救护员证', number: 'C-3', expiresOn: day(700) },
          ],
        },
      ],
    });
    await w.addAccount('pending', { role: 'team_leader' });
    const filed = await w.as(
      'pending',
      'POST',
      '/api/forces/teams',
      buildFiling({ base: p.at(0.5), insurance: [coveringPolicy()] }),
    );
    const pending = (filed.body as { id: string }).id;
    await w.as(
      'pending',
      'POST',
      `/api/forces/teams/${pending}/members`,
      buildMember({ certificates: [{ name: '救护员证', number: 'C-9', expiresOn: day(700) }] }),
    );
    await w.as('pending', 'POST', `/api/forces/teams/${pending}/submit`);

    const r = await waitFor('the new teams in the index', async () => {
      const x = await preview(p.rally);
      return find(x, renewed.id) && find(x, pending) ? x : undefined;
    });
    expect(failed(find(r, good.id))).toEqual([]);
    expect(failed(find(r, renewed.id))).toEqual([]);
    expect(failed(find(r, insuranceEnds.id))).toEqual(['insured_whole_window']);
    expect(find(r, insuranceEnds.id)!.reasons[1]!.detail).toContain(day(0));
    expect(failed(find(r, certExpired.id))).toEqual(['certificates_valid']);
    expect(failed(find(r, pending))).toEqual(['approved_and_current']);
    expect(r.candidates.map((c) => c.teamId)).toEqual([good.id, renewed.id]);

    // When the office insures everyone called, the team's own insurance is not needed.
    const covered = await preview(p.rally, {
      insuranceRequired: false,
      needs: [{ capability: 'water_rescue', count: 3 }],
    });
    expect(failed(find(covered, insuranceEnds.id))).toEqual([]);
  });

  it('counts a policy naming members only when it names every member', async () => {
    const p = place();
    const policy = (ids: string[]) => ({
      insurance: [
        {
          insurer: '平安',
          number: `N-${ids.length}`,
          insuredMemberIds: ids,
          validFrom: day(-60),
          validTo: day(300),
        },
      ],
    });
    const some = await approvedTeam(w, 'someNamed', {
      filing: { base: p.at(1), insurance: [] },
      members: [{}, {}],
      edit: (ids) => policy(ids.slice(0, 1)),
    });
    const all = await approvedTeam(w, 'allNamed', {
      filing: { base: p.at(2), insurance: [] },
      members: [{}, {}],
      edit: (ids) => policy(ids),
    });
    const r = await waitFor('the teams in the index', async () => {
      const x = await preview(p.rally);
      return find(x, some.id) && find(x, all.id) ? x : undefined;
    });
    expect(failed(find(r, some.id))).toEqual(['insured_whole_window']);
    expect(failed(find(r, all.id))).toEqual([]);
  });

  it('leaves out a team deployed to another incident, and takes it back once stood down', async () => {
    const p = place();
    const team = await approvedTeam(w, 'busy', { filing: { base: p.at(1) } });
    const elsewhere = await reportIncident(w, { commander: 'other' });
    const order = await w.as('duty', 'POST', '/api/forces/callups', {
      ...buildCallup(elsewhere, { rallyPoint: p.rally }),
    });
    expect(order.status).toBe(201);
    const callupId = (order.body as { id: string }).id;
    await waitFor('the team to be dispatchable', async () => {
      const d = await w.as('duty', 'POST', `/api/forces/callups/${callupId}/dispatch`, {
        teams: [{ teamId: team.id }],
      });
      return d.status === 200;
    });
    const ok = await w.as(
      'busy',
      'POST',
      `/api/forces/callups/${callupId}/teams/${team.id}/answer`,
      {
        answer: 'accept',
        people: 6,
        memberIds: team.memberIds,
      },
    );
    expect(ok.status).toBe(200);

    const out = await preview(p.rally);
    expect(failed(find(out, team.id))).toEqual(['not_deployed']);
    expect(find(out, team.id)!.reasons[3]!.detail).toContain(elsewhere);

    const down = await w.as(
      'other',
      'POST',
      `/api/forces/callups/${callupId}/teams/${team.id}/stand-down`,
      {},
    );
    expect(down.status).toBe(200);
    const back = await preview(p.rally);
    expect(failed(find(back, team.id))).toEqual([]);
  });
});
