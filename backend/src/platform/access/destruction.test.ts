import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { waitFor } from '../../testing/processes.ts';
import type { Clock } from '../clock.ts';
import type { Tx } from '../db/client.ts';
import { newId } from '../ids.ts';
import { createDestructionRunner, type Kept, type PersonalDataHolder } from './destruction.ts';
import { grants } from './grants.ts';
import { personalHolds } from './tables.ts';

/** A holder of test tracks: one row per (incident, person) position, like a module would keep. */
const tracksHolder: PersonalDataHolder = {
  name: 'test.tracks',
  categories: ['tracks'],
  async destroy(tx: Tx, incidentId: string, kept: ReadonlyMap<string, Kept>) {
    const k = kept.get('tracks');
    if (k === 'all') {
      const [n] = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from test_tracks where incident_id = ${incidentId}`,
      );
      return [{ category: 'tracks', destroyed: 0, keptUnderHold: n?.n ?? 0 }];
    }
    const keep = [...(k ?? [])];
    const deleted = await tx.execute(
      sql`delete from test_tracks where incident_id = ${incidentId} and not (person_id = any(${sql.param(keep)}::uuid[])) returning 1`,
    );
    const [left] = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from test_tracks where incident_id = ${incidentId}`,
    );
    return [{ category: 'tracks', destroyed: deleted.length, keptUnderHold: left?.n ?? 0 }];
  },
};

describe('destruction when the response ends', () => {
  let env: TestEnv;
  let m: Muster;
  let now = new Date('2026-07-10T08:00:00+08:00');
  const clock: Clock = { now: () => now };
  const incident = newId();
  const other = newId();
  const kept = newId();
  const gone = newId();

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ MUSTER_ROLES: 'api,consumers' }), {
      clock,
      personalDataHolders: [tracksHolder],
      destructionEveryMs: 3_600_000, // runs are driven by the test
    });
    await m.database.db.execute(
      sql`create table test_tracks (id bigserial primary key, incident_id uuid not null, person_id uuid not null, lon double precision, lat double precision)`,
    );
    for (const [inc, person] of [
      [incident, kept],
      [incident, gone],
      [incident, gone],
      [other, gone],
    ] as const) {
      await m.database.db.execute(
        sql`insert into test_tracks (incident_id, person_id, lon, lat) values (${inc}, ${person}, 106.43, 29.82)`,
      );
    }
    await m.database.db.transaction((tx) =>
      grants.grant(tx, { kind: 'deployment', incidentId: incident, teamId: newId(), at: now }),
    );
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  const tracks = async (inc: string) =>
    (
      await m.database.db.execute<{ person_id: string }>(
        sql`select person_id from test_tracks where incident_id = ${inc}`,
      )
    ).map((r) => r.person_id);

  it('destroys what the incident gathered except what a hold names, records it, and keeps the held part until the hold ends', async () => {
    const runner = m.destruction;
    await m.database.db.insert(personalHolds).values({
      id: newId(),
      incidentId: incident,
      holder: 'test.tracks',
      category: 'tracks',
      subjectIds: [kept],
      reason: 'Evidence for the investigation of the Jialing levee breach',
      assessment: JSON.stringify({
        legality: 'art. 85',
        necessity: 'needed to reconstruct the timeline',
        security: 'encrypted, admin only',
      }),
      approvedBy: newId(),
      until: new Date(now.getTime() + 7 * 86_400_000),
    });
    // The response ends: an event, through the real bus, to the destroy-on-close consumer.
    await m.database.db.transaction((tx) =>
      m.outbox.append(tx, [
        {
          type: 'response.incident.closed',
          actor: 'system',
          incidentId: incident,
          data: { incidentId: incident, closedAt: now.toISOString() },
        },
      ]),
    );
    await waitFor('the destruction job', async () => {
      const r = await m.database
        .sql`select status from destruction_jobs where incident_id = ${incident}`;
      return r.length === 1;
    });
    // Its grants ended in the same transaction.
    const open = await m.database
      .sql`select count(*)::int as n from access_grants where incident_id = ${incident} and ended_at is null`;
    expect(open[0]?.n).toBe(0);

    expect(await runner.runDue()).toBe(1);
    expect(await tracks(incident)).toEqual([kept]);
    expect(await tracks(other)).toEqual([gone]); // another incident's data is untouched
    const records = await m.database.sql<
      { destroyed: number; kept_under_hold: number; rule: string }[]
    >`
      select destroyed, kept_under_hold, rule from destruction_records where incident_id = ${incident}`;
    expect(records.map((r) => [r.destroyed, r.kept_under_hold])).toEqual([[2, 1]]);
    expect(records[0]?.rule).toContain('art. 85');
    const job = await m.database
      .sql`select status from destruction_jobs where incident_id = ${incident}`;
    expect(job[0]?.status).toBe('held');

    // Running again before the hold ends destroys nothing more and is not due.
    expect(await runner.runDue()).toBe(0);
    expect(await tracks(incident)).toEqual([kept]);

    // The hold ends: the next run destroys the rest and the job is done.
    now = new Date(now.getTime() + 8 * 86_400_000);
    expect(await runner.runDue()).toBe(1);
    expect(await tracks(incident)).toEqual([]);
    expect(
      (await m.database.sql`select status from destruction_jobs where incident_id = ${incident}`)[0]
        ?.status,
    ).toBe('done');
    // Each run was audited, with counts only.
    const audited = await m.database
      .sql`select count(*)::int as n from audit_log where action = 'personal.destroyed' and subject_id = ${incident}`;
    expect(audited[0]?.n).toBe(2);
  });

  it('is idempotent: a second close event and a rerun change nothing', async () => {
    await m.database.db.transaction((tx) =>
      m.outbox.append(tx, [
        {
          type: 'response.incident.closed',
          actor: 'system',
          incidentId: incident,
          data: { incidentId: incident, closedAt: now.toISOString() },
        },
      ]),
    );
    await new Promise((r) => setTimeout(r, 1000));
    // Another instance's runner (same holders) finds nothing due either.
    const runner = createDestructionRunner({
      db: m.database.db,
      clock,
      holders: [tracksHolder],
      audit: m.audit,
      logger: m.logger,
    });
    expect(await runner.runDue()).toBe(0);
    expect(await m.destruction.runDue()).toBe(0);
    expect(
      (await m.database.sql`select status from destruction_jobs where incident_id = ${incident}`)[0]
        ?.status,
    ).toBe('done');
  });
});
