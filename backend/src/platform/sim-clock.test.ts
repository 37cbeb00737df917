import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from './db/client.ts';
import { createTestEnv, type TestEnv } from '../testing/env.ts';
import { movableClock } from '../testing/clock.ts';
import { newId } from './ids.ts';
import { createRunClocks } from './sim-clock.ts';

const MIN = 60_000;

describe('drill run clocks', () => {
  let env: TestEnv;
  let database: Database;
  beforeAll(async () => {
    env = await createTestEnv();
    database = createDatabase(env.databaseUrl, { max: 2, appName: 'sim-clock-test' });
  });
  afterAll(async () => {
    await database?.close();
    await env?.cleanup();
  });

  /** The same rule in SQL, as sweeps use it. */
  async function inSql(runId: string | null, real: Date): Promise<Date> {
    const rows = await database.db.execute<{ t: string }>(
      sql`select muster_sim_now(${runId}::uuid, ${real.toISOString()}::timestamptz)::text as t`,
    );
    return new Date(rows[0]!.t);
  }

  it('runs a drill at its speed, pauses, resumes and changes pace without a jump, in code and SQL alike', async () => {
    const clock = movableClock(new Date('2026-12-01T08:00:00+08:00'));
    const clocks = createRunClocks({ db: database.db, clock });
    const run = newId();
    const simStart = new Date('2026-07-15T06:00:00+08:00');
    await database.db.transaction((tx) => clocks.start(tx, run, { speed: 10, simStart }));

    clock.advance(6 * MIN); // six real minutes at ×10: one simulated hour
    const hour = new Date(simStart.getTime() + 60 * MIN);
    expect(await clocks.now(run)).toEqual(hour);
    expect(await inSql(run, clock.now())).toEqual(hour);

    await database.db.transaction((tx) => clocks.pause(tx, run));
    clock.advance(30 * MIN);
    expect(await clocks.now(run)).toEqual(hour);
    expect(await inSql(run, clock.now())).toEqual(hour);

    await database.db.transaction((tx) => clocks.resume(tx, run));
    clock.advance(1 * MIN);
    const later = new Date(hour.getTime() + 10 * MIN);
    expect(await clocks.now(run)).toEqual(later);

    await database.db.transaction((tx) => clocks.setSpeed(tx, run, 60));
    expect(await clocks.now(run)).toEqual(later);
    clock.advance(1 * MIN);
    expect(await clocks.now(run)).toEqual(new Date(later.getTime() + 60 * MIN));
    expect(await inSql(run, clock.now())).toEqual(new Date(later.getTime() + 60 * MIN));
  });

  it('gives records of no drill, or of a run without a clock, the real time', async () => {
    const clock = movableClock(new Date('2026-12-01T08:00:00+08:00'));
    const clocks = createRunClocks({ db: database.db, clock });
    expect(await clocks.now(null)).toEqual(clock.now());
    expect(await clocks.now(newId())).toEqual(clock.now());
    expect(await inSql(null, clock.now())).toEqual(clock.now());
    expect(await inSql(newId(), clock.now())).toEqual(clock.now());
  });

  it('refuses a clock that does not run forward', async () => {
    const clocks = createRunClocks({ db: database.db, clock: movableClock() });
    await expect(
      database.db.transaction((tx) =>
        clocks.start(tx, newId(), { speed: 0, simStart: new Date() }),
      ),
    ).rejects.toThrow(/speed/);
  });
});
