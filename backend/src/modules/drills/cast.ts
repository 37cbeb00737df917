import type { TScenario } from '@muster/contracts';
import { callApi } from './api-client.ts';
import type { DrillsDeps } from './deps.ts';
import { creditCode, hashOf, idNumber, mobile, seeded } from './random.ts';
import type { RunCast } from './tables.ts';

const DAY_MS = 86_400_000;

/** China-time calendar day of an instant, as on a policy. */
const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Makes what a run acts with: drill accounts (two officers, four eyes; a commander), the
 * scenario's monitoring points with their rules, and its simulated teams, filed and approved
 * through the registry like any team. Every name says 演练 or 模拟.
 */
export async function castRun(
  d: DrillsDeps,
  runId: string,
  s: TScenario,
  tokens: Map<string, string>,
): Promise<RunCast> {
  const tag = runId.slice(-8);
  const base = d.api.baseUrl();
  const account = async (
    key: string,
    role: 'duty_officer' | 'commander' | 'team_leader',
    name: string,
  ) => {
    const id = await d.api.createAccount({
      username: `drill-${tag}-${key}`,
      displayName: `${name}（演练）`,
      role,
    });
    tokens.set(id, await d.api.tokenFor(id));
    return id;
  };
  const cast: RunCast = {
    accounts: {
      duty: await account('duty', 'duty_officer', '演练值班员'),
      approver: await account('approver', 'duty_officer', '演练带班领导'),
      commander: await account('commander', 'commander', '演练指挥长'),
    },
    teams: {},
    points: {},
    callupId: null,
    warningIds: [],
    planId: null,
  };
  const duty = tokens.get(cast.accounts.duty!)!;
  for (const p of s.points) {
    const point = await callApi<{ id: string }>(base, duty, 'POST', '/api/monitoring/points', {
      name: p.name,
      kind: p.kind,
      location: p.location,
      areaCode: p.areaCode,
      departmentId: p.departmentId,
      drillRunId: runId,
    });
    cast.points[p.key] = point.id;
    for (const rule of p.rules)
      await callApi(base, duty, 'POST', '/api/monitoring/rules', {
        name: `${p.name} ${rule.threshold}`,
        pointId: point.id,
        level: rule.level,
        category: rule.category,
        trigger: 'sustained',
        threshold: rule.threshold,
      });
  }
  // Identifiers must be valid and unique per run; the scenario's seed and the run id fix them.
  const r = seeded((s.seed ^ hashOf(runId)) >>> 0);
  const now = d.clock.now().getTime();
  for (const t of s.teams) {
    if (!t.simulated) {
      cast.teams[t.key] = {
        teamId: t.teamId,
        name: t.key,
        simulated: false,
        leaderAccountId: null,
      };
      continue;
    }
    const leader = await account(`team-${t.key}`.slice(0, 40), 'team_leader', `${t.name}队长`);
    const token = tokens.get(leader)!;
    const filed = await callApi<{ id: string }>(base, token, 'POST', '/api/forces/teams', {
      name: `${t.name}-${tag}`,
      kind: 'ngo_rescue',
      creditCode: creditCode(r),
      base: { ...t.base, address: '重庆市北碚区（演练模拟队伍）' },
      serviceArea: ['500109'],
      leader: { name: '模拟队长', phone: mobile(r) },
      contacts: [{ name: '模拟联络员', phone: mobile(r), role: '副队长' }],
      capabilities: t.capabilities,
      equipment: [{ kind: '冲锋舟', count: 2 }],
      insurance: [
        {
          insurer: '演练模拟保险',
          number: `DRILL-${tag}-${t.key}`.slice(0, 60),
          validFrom: day(now - 60 * DAY_MS),
          validTo: day(now + 300 * DAY_MS),
        },
      ],
    });
    await callApi(base, token, 'POST', `/api/forces/teams/${filed.id}/members`, {
      name: '模拟队员',
      idNumber: idNumber(r),
      phone: mobile(r),
      emergencyContact: { name: '模拟家属', phone: mobile(r) },
      skills: ['swimming'],
      certificates: [
        {
          name: '红十字救护员证',
          number: `RC-${tag}-${t.key}`.slice(0, 60),
          expiresOn: day(now + 700 * DAY_MS),
        },
      ],
    });
    await callApi(base, token, 'POST', `/api/forces/teams/${filed.id}/submit`);
    await callApi(base, duty, 'POST', `/api/forces/teams/${filed.id}/approve`);
    cast.teams[t.key] = {
      teamId: filed.id,
      name: t.name,
      simulated: true,
      leaderAccountId: leader,
    };
  }
  return cast;
}
