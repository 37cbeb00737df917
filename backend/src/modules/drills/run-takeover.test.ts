import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { ZAfterActionReport, ZDrillRunDetail, type TInjectLogEntry } from '@muster/contracts';
import { BackendProcess, freePort, waitFor } from '../../testing/processes.ts';
import type { ForcesWorld } from '../../testing/forces-world.ts';
import { startDrillsWorld } from '../../testing/drills-world.ts';
import { call } from '../../testing/http.ts';

const RUNS = '/api/drills/runs';
/**
 * Short leases: a dead player's runs are taken over within seconds, yet a loaded machine's stall
 * of a second or two does not hand a live player's run to another.
 */
const LEASE_MS = '3000';
const STEPS = 10;

/** A run of `STEPS` incidents a minute apart, each with its own title, then the end. */
function incidents(tag: string): string {
  const lines = Array.from(
    { length: STEPS },
    (_, k) => `  - { at: ${k}m, kind: incident, title: ${tag} 步骤 ${k}, category: natural_disaster,
      subtype: flood, location: { lon: 106.4368, lat: 29.8262 }, areaCodes: ['500109002'] }`,
  );
  return `version: 1
name: ${tag}（演练）
place: { name: 朝阳街道, areaCode: '500109002', location: { lon: 106.4368, lat: 29.8262 } }
seed: 11
injects:
${lines.join('\n')}
  - { at: ${STEPS}m, kind: end }
`;
}

/**
 * A run survives the process playing it: another api process takes it over once that one's lease
 * lapses (killed, frozen) or at once when it is handed back (shut down), and goes on from its next
 * step on its own clock. A step caught in flight is logged `interrupted`, never performed twice.
 */
describe('drills: a run survives a restart of the process playing it', () => {
  let w: ForcesWorld;
  let sql: postgres.Sql;
  const players: BackendProcess[] = [];
  beforeAll(async () => {
    // This world is the other api process, waiting to take runs over.
    w = await startDrillsWorld({ duty: { role: 'duty_officer' } }, { DRILL_LEASE_MS: LEASE_MS });
    sql = postgres(w.env.databaseUrl, { max: 2, onnotice: () => {} });
  }, 60_000);
  afterEach(async () => {
    for (const p of players.splice(0)) {
      p.pause(false);
      await p.kill();
    }
  });
  afterAll(async () => {
    await sql?.end();
    await w?.stop();
  });

  /** A second backend process (api only) on the same database and NATS: the first player. */
  async function startPlayer(name: string, leaseMs = LEASE_MS) {
    const port = await freePort();
    const p = new BackendProcess({
      DATABASE_URL: w.env.databaseUrl,
      NATS_URL: w.env.natsUrl,
      MUSTER_NAMESPACE: w.env.namespace,
      MUSTER_ROLES: 'api',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      INSTANCE_ID: name,
      DRILL_LEASE_MS: leaseMs,
      ARGON2_MEMORY_KIB: '1024',
      ...w.env.keys,
    });
    players.push(p);
    p.start();
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      `${name} to be ready`,
      async () => (await fetch(`${base}/readyz`)).status === 200,
      90_000,
      200,
    );
    return { p, base };
  }

  async function startRun(base: string, tag: string, speed: number) {
    const r = await call(base, 'POST', RUNS, {
      body: { yaml: incidents(tag), speed },
      headers: w.headersOf('duty'),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return ZDrillRunDetail.parse(r.body).id;
  }

  const detail = async (id: string) =>
    ZDrillRunDetail.parse((await w.as('duty', 'GET', `${RUNS}/${id}`)).body);
  const playerOf = async (id: string) =>
    (await sql<{ p: string | null }[]>`select player_id as p from drills_runs where id = ${id}`)[0]!
      .p;

  /** Incidents the run made, by step: how many times each step took effect. */
  async function effects(id: string, tag: string): Promise<number[]> {
    const rows = await sql<{ title: string; n: number }[]>`
      select title, count(*)::int as n from response_incidents
      where drill_run_id = ${id} group by title`;
    const byTitle = new Map(rows.map((r) => [r.title, r.n]));
    return Array.from({ length: STEPS }, (_, k) => byTitle.get(`【演练】${tag} 步骤 ${k}`) ?? 0);
  }

  /** Every step logged once in order; each took effect once, an interrupted one at most once. */
  async function expectPlayedOnce(id: string, tag: string): Promise<TInjectLogEntry[]> {
    const run = await waitFor(
      'the run to be completed',
      async () => {
        const r = await detail(id);
        return r.status === 'completed' ? r : undefined;
      },
      120_000,
      200,
    );
    expect(run.log.map((l) => l.seq)).toEqual(Array.from({ length: STEPS + 1 }, (_, i) => i));
    expect(
      run.log.filter((l) => l.outcome === 'failed'),
      JSON.stringify(run.log),
    ).toEqual([]);
    const made = await effects(id, tag);
    run.log.slice(0, STEPS).forEach((l, k) => {
      if (l.outcome === 'done') expect(made[k], `step ${k}`).toBe(1);
      else expect(made[k], `step ${k}`).toBeLessThanOrEqual(1);
    });
    // Each step at its own simulated time; the end exactly where the scenario ends.
    const simStart = Date.parse(run.simStart);
    for (const l of run.log) expect(Date.parse(l.at) - simStart).toBe(l.offsetS * 1000);
    expect(Date.parse(run.simNow) - simStart).toBe(STEPS * 60_000);
    expect(await playerOf(id)).toBeNull();
    return run.log;
  }

  it('kill -9 of the player with a step in flight: taken over, the step logged interrupted once, never performed again', async () => {
    const { p, base } = await startPlayer('player-killed');
    const id = await startRun(base, 'kill', 30);
    expect(await playerOf(id)).toMatch(/^player-killed#/);
    await waitFor('a few steps played', async () => (await detail(id)).log.length >= 3, 60_000);
    // Hold the player inside its next incident step: it waits on a lock we hold.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const holding = sql.begin(async (tx) => {
      await tx`lock table response_incidents in share mode`;
      locked();
      await released;
    });
    try {
      await lockTaken;
      const inFlight = await waitFor(
        'a step in flight, waiting inside the API',
        async () => {
          const [r] = await sql<{ seq: number | null; waiting: number }[]>`
            select in_flight as seq, (select count(*)::int from pg_stat_activity
              where application_name = 'muster-player-killed' and wait_event_type = 'Lock')
              as waiting
            from drills_runs where id = ${id}`;
          return r && r.seq !== null && r.seq >= 0 && r.waiting > 0 ? r.seq : undefined;
        },
        30_000,
        50,
      );
      await p.kill('SIGKILL');
      // Until it is taken over its clock stays held at the interrupted step's time.
      const [held] = await sql<{ player: string; paused: boolean; offsetMs: number }[]>`
        select r.player_id as player, c.paused,
          (extract(epoch from c.sim_anchor - r.sim_start) * 1000)::int as "offsetMs"
        from drills_runs r join sim_clocks c on c.run_id = r.id where r.id = ${id}`;
      if (held!.player.startsWith('player-killed#'))
        expect(held).toMatchObject({ paused: true, offsetMs: inFlight * 60_000 });
      release();
      await holding;
      const taken = await waitFor(
        'another process to take the run over',
        async () => {
          const player = await playerOf(id);
          return player && !player.startsWith('player-killed#') ? player : undefined;
        },
        30_000,
      );
      expect(taken).toMatch(/^test-/);
      const log = await expectPlayedOnce(id, 'kill');
      expect(log.filter((l) => l.outcome === 'interrupted').map((l) => l.seq)).toEqual([inFlight]);
      expect(log.filter((l) => l.outcome === 'done')).toHaveLength(STEPS);
      expect((await effects(id, 'kill'))[inFlight]).toBe(0);
      const report = await waitFor('the report', async () => {
        const r = ZAfterActionReport.parse(
          (await w.as('duty', 'GET', `${RUNS}/${id}/report`)).body,
        );
        return r.findings.length ? r : undefined;
      });
      expect(report.timeline.filter((s) => s.interrupted)).toHaveLength(1);
      // The console's progress counts it apart from done and failed steps.
      expect(
        ZDrillRunDetail.parse((await w.as('duty', 'GET', `${RUNS}/${id}`)).body).injects,
      ).toEqual({
        total: STEPS + 1,
        done: STEPS,
        failed: 0,
        interrupted: 1,
      });
      expect(report.findings.map((f) => f.en).join('\n')).toMatch(/1 drill steps were interrupted/);
      expect(report.findings.map((f) => f.en).join('\n')).not.toMatch(/could not be performed/);
    } finally {
      release();
      await holding.catch(() => undefined);
    }
  }, 240_000);

  it('a frozen player loses its lease and stops: two processes never play the run at once', async () => {
    const { p, base } = await startPlayer('player-frozen');
    const id = await startRun(base, 'freeze', 30);
    await waitFor('a few steps played', async () => (await detail(id)).log.length >= 3, 60_000);
    // Frozen outside any transaction of its own (a frozen transaction would hold the run's row).
    for (;;) {
      p.pause(true);
      await new Promise((r) => setTimeout(r, 100));
      const [open] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
        where application_name like 'muster-player-frozen%' and state like 'idle in transaction%'`;
      if (open!.n === 0) break;
      p.pause(false);
      await new Promise((r) => setTimeout(r, 37));
    }
    const before = (await detail(id)).log.length;
    await waitFor(
      'the run taken over and played on',
      async () => {
        const player = await playerOf(id);
        return player?.startsWith('test-') && (await detail(id)).log.length >= before + 2;
      },
      60_000,
    );
    // Thawed mid-run: it finds its lease gone and plays no more of it.
    p.pause(false);
    const log = await expectPlayedOnce(id, 'freeze');
    expect(log.filter((l) => l.outcome === 'interrupted').length).toBeLessThanOrEqual(1);
    await waitFor('the thawed player to say it stopped', () =>
      p.output.includes('drill run lease lost'),
    );
    expect(p.running).toBe(true);
  }, 240_000);

  it('runs left by a dead player are taken over by exactly one of two processes each', async () => {
    const { p, base } = await startPlayer('player-dead');
    const other = await startPlayer('player-other');
    const tags = ['race-a', 'race-b', 'race-c'];
    const ids: string[] = [];
    for (const tag of tags) ids.push(await startRun(base, tag, 20));
    await waitFor(
      'a step of each played',
      async () => (await Promise.all(ids.map(detail))).every((r) => r.log.length >= 1),
      60_000,
    );
    await p.kill('SIGKILL');
    // Who plays each run, sampled until it ends: the dead player, then one taker for good.
    const seen = new Map<string, string[]>(ids.map((id) => [id, []]));
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const rows = await sql<{ id: string; p: string | null }[]>`
          select id, player_id as p from drills_runs where id in ${sql(ids)}`;
        for (const r of rows) {
          const s = seen.get(r.id)!;
          if (r.p && s.at(-1) !== r.p) s.push(r.p);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      for (const [i, id] of ids.entries()) await expectPlayedOnce(id, tags[i]!);
    } finally {
      sampling = false;
      await sampler;
    }
    for (const players of seen.values()) {
      expect(players[0]).toMatch(/^player-dead#/);
      expect(players.slice(1)).toHaveLength(1);
      expect(players[1]).toMatch(/^(player-other|test-)/);
    }
    expect(other.p.output).not.toMatch(/lease lost|taken over during a step/);
  }, 240_000);

  it('a player shut down hands its runs back at once, its clock held: nothing interrupted', async () => {
    // A lease far longer than the test: only the hand-back lets the other process go on.
    const { p, base } = await startPlayer('player-stopped', '600000');
    const id = await startRun(base, 'shutdown', 30);
    await waitFor('a few steps played', async () => (await detail(id)).log.length >= 3, 60_000);
    await p.kill('SIGTERM');
    expect(p.output).not.toMatch(/shutdown timed out/);
    const log = await expectPlayedOnce(id, 'shutdown');
    expect(log.every((l) => l.outcome === 'done')).toBe(true);
  }, 240_000);
});
