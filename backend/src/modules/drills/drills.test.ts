import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ZAfterActionReport, ZDrillRunDetail, type TAfterActionReport } from '@muster/contracts';
import { waitFor } from '../../testing/processes.ts';
import type { ForcesWorld } from '../../testing/forces-world.ts';
import { startDrillsWorld } from '../../testing/drills-world.ts';
import { approvedTeam } from '../../testing/callups.ts';
import { errorCode } from '../../testing/http.ts';
import { demoScenarioYaml } from './index.ts';

const RUNS = '/api/drills/runs';

describe('drills: runs, isolation and the after-action report', () => {
  let w: ForcesWorld;
  beforeAll(async () => {
    w = await startDrillsWorld({ duty: { role: 'duty_officer' }, admin: { role: 'admin' } });
  }, 60_000);
  afterAll(async () => {
    await w?.stop();
  });

  const runToEnd = async (speed: number) => {
    const started = await w.as('duty', 'POST', RUNS, { yaml: demoScenarioYaml(), speed });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const run = ZDrillRunDetail.parse(started.body);
    await waitFor(
      'the run to end',
      async () => {
        const r = await w.as('duty', 'GET', `${RUNS}/${run.id}`);
        return (r.body as { status: string }).status === 'completed';
      },
      120_000,
    );
    // The report is written once the run's last events reached it.
    const report = await waitFor(
      'the findings to be recorded',
      async () => {
        const r = await w.as('duty', 'GET', `${RUNS}/${run.id}/report`);
        const rep = ZAfterActionReport.parse(r.body);
        return rep.planRevision ? rep : undefined;
      },
      30_000,
    );
    return { id: run.id, report };
  };

  const figures = (r: TAfterActionReport) => ({
    warning: r.warning,
    activation: r.activation,
    teams: r.teams.map(({ teamId: _t, name: _n, ...t }) => t),
    reports: r.reports,
    timeline: r.timeline.map((s) => [s.offsetMin, s.kind, s.ok]),
  });

  let first: { id: string; report: TAfterActionReport } | undefined;

  it('plays the seeded flood at ×60: the same after-action figures every time, at ×240 too', async () => {
    first = await runToEnd(60);
    const log = ZDrillRunDetail.parse((await w.as('duty', 'GET', `${RUNS}/${first.id}`)).body).log;
    expect(
      log.filter((l) => l.outcome === 'failed'),
      JSON.stringify(log),
    ).toEqual([]);
    const r = first.report;
    expect(r.warning).toEqual({ minutes: 3, targetMin: 5, met: true });
    expect(r.activation).toEqual({ minutes: 3, targetMin: 10, met: true });
    expect(r.teams.map((t) => [t.answer, t.acceptance.minutes, t.onScene.minutes])).toEqual([
      ['accepted', 2, 9],
      ['accepted', 4, 14],
      ['declined', null, null],
    ]);
    // Every step is recorded at its own simulated time, whatever the speed: four times faster,
    // the same figures.
    const again = await runToEnd(240);
    expect(figures(again.report)).toEqual(figures(r));
  }, 240_000);

  it('flags every event of a run as an exercise of it; nothing reaches the public outputs', async () => {
    const id = first!.id;
    const rows = await w.m.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox where envelope->>'drillRunId' = ${id}
          and (envelope->>'exercise')::boolean is not true`,
    );
    expect(rows[0]!.n).toBe(0);
    const crossings = await w.m.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox where type = 'monitoring.threshold.crossed'
          and (envelope->>'exercise')::boolean is not true`,
    );
    expect(crossings[0]!.n).toBe(0);
    const pub = await fetch(`http://127.0.0.1:${w.m.port}/api/public/warnings`);
    expect(await pub.text()).not.toContain('演练');
    const feed = await fetch(`http://127.0.0.1:${w.m.port}/api/public/cap/feed.atom`);
    expect(await feed.text()).not.toContain('演练');
    const ex = await fetch(`http://127.0.0.1:${w.m.port}/api/public/cap/exercise.atom`);
    expect(await ex.text()).toContain('演练');
  });

  it('refuses an invalid scenario file naming the line and the field', async () => {
    const bad = demoScenarioYaml().replace('{ at: 21m, kind: team', '{ at: 21x, kind: team');
    const r = await w.as('duty', 'POST', RUNS, { yaml: bad, speed: 10 });
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('drills.scenario_invalid');
    expect(JSON.stringify(r.body)).toMatch(/line \d+, injects\.\d+\.at/);
  });

  it('stopping mid-run leaves a consistent state; its data can be removed as a whole', async () => {
    const started = await w.as('duty', 'POST', RUNS, { yaml: demoScenarioYaml(), speed: 60 });
    const id = (started.body as { id: string }).id;
    await waitFor('a few steps', async () => {
      const r = ZDrillRunDetail.parse((await w.as('duty', 'GET', `${RUNS}/${id}`)).body);
      return r.injects.done >= 5;
    });
    const stopped = await w.as('duty', 'POST', `${RUNS}/${id}/stop`);
    expect(stopped.status).toBe(200);
    const v = ZDrillRunDetail.parse(stopped.body);
    expect(v.status).toBe('stopped');
    // Every step logged once, in order, and nothing is played after the stop.
    expect(v.log.map((l) => l.seq)).toEqual(v.log.map((_, i) => i));
    await new Promise((r) => setTimeout(r, 1500));
    const later = ZDrillRunDetail.parse((await w.as('duty', 'GET', `${RUNS}/${id}`)).body);
    expect(later.log.length).toBe(v.log.length);
    expect(later.simNow).toBe(v.simNow);
    expect((await w.as('duty', 'POST', `${RUNS}/${id}/resume`)).status).toBe(409);
    const removed = await w.as('admin', 'POST', `${RUNS}/${id}/remove-data`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    const left = await w.m.database.db.execute<{ n: number }>(
      sql`select (select count(*) from response_incidents where drill_run_id = ${id})
        + (select count(*) from monitoring_points where drill_run_id = ${id})::int as n`,
    );
    expect(Number(left[0]!.n)).toBe(0);
  }, 120_000);

  it('a real team takes part from its portal, marked 演练, and gets a joint drill on record', async () => {
    const team = await approvedTeam(w, 'leader');
    const yaml = `version: 1
name: 真实队伍参演（演练）
place: { name: 朝阳街道, areaCode: '500109002', location: { lon: 106.4368, lat: 29.8262 } }
seed: 7
teams:
  - { key: real, teamId: '${team.id}' }
injects:
  - { at: 0m, kind: incident, title: 沿江路段进水, category: natural_disaster, subtype: flood,
      location: { lon: 106.4368, lat: 29.8262 }, areaCodes: ['500109002'] }
  - { at: 1m, kind: callup, capability: water_rescue, teams: [real], task: 转移被困群众,
      rallyPoint: { lon: 106.437, lat: 29.825, address: 北碚区天生街道集结点 } }
  - { at: 60m, kind: end }
`;
    const started = await w.as('duty', 'POST', RUNS, { yaml, speed: 60 });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = (started.body as { id: string }).id;
    const alert = await waitFor('the exercise call-up in the portal', async () => {
      const r = await w.as('leader', 'GET', '/api/forces/my/callups');
      const items = (r.body as { items: { callup: { id: string }; label: string | null }[] }).items;
      return items.find((c) => c.label === '演练');
    });
    const callupId = alert.callup.id;
    const path = `/api/forces/callups/${callupId}/teams/${team.id}`;
    const accepted = await w.as('leader', 'POST', `${path}/answer`, {
      answer: 'accept',
      people: 1,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((await w.as('leader', 'POST', `${path}/check-in`, {})).status).toBe(200);
    expect((await w.as('duty', 'POST', `${RUNS}/${id}/stop`)).status).toBe(200);
    await waitFor('the joint drill on record', async () => {
      const rows = await w.m.database.db.execute<{ kind: string }>(
        sql`select kind from forces_training_sessions where team_id = ${team.id} and drill_run_id = ${id}`,
      );
      return rows[0]?.kind === 'joint_drill';
    });
    const report = ZAfterActionReport.parse(
      (await w.as('duty', 'GET', `${RUNS}/${id}/report`)).body,
    );
    expect(report.teams[0]).toMatchObject({
      teamId: team.id,
      simulated: false,
      answer: 'accepted',
    });
  }, 120_000);
});
