import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZIncidentList, ZTimeline } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login } from '../../testing/accounts.ts';
import { call } from '../../testing/http.ts';

const STALE_MS = 600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function within(ms: number, ok: () => Promise<boolean>): Promise<void> {
  const started = performance.now();
  while (!(await ok())) {
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await sleep(10);
  }
}

describe('the incident list and timelines kept by two instances', () => {
  let env: TestEnv;
  let a: Muster;
  let b: Muster;
  let bearer: string;
  const ids = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    env = await createTestEnv();
    const config = env.config({
      MUSTER_ROLES: 'api',
      CACHE_STALE_MS: String(STALE_MS),
      ...FAST_PASSWORDS,
    });
    a = await startMuster(config);
    b = await startMuster(config);
    const sql = a.database.sql;
    await sql`
      insert into response_incidents (id, title, category, subtype, description, source, aware_at,
        location_lon, location_lat, area_codes, exercise, status, grade, criteria, created_by,
        created_at, updated_at)
      select id, '天生街道积水', 'natural_disaster', 'urban_waterlogging', '', 'phone', now(),
        106.437, 29.825, array['500109001'], false, 'reported', 'IV',
        '{"deaths":0,"missing":0,"injuries":0,"affected":0,"directLossFen":0}'::jsonb, id, now(), now()
      from unnest(${ids}::uuid[]) as t(id)`;
    await line(ids[0]!, 'incident.reported');
    const observer = await createAccount(a.database.db, { role: 'observer' });
    bearer = (await login(`http://127.0.0.1:${a.port}`, observer.username, observer.password))
      .bearer;
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await env?.cleanup();
  });

  function line(incidentId: string, kind: string) {
    return a.database.sql`
      insert into response_timeline (id, incident_id, at, kind, source, actor, summary_zh,
        summary_en, data, exercise)
      values (${randomUUID()}, ${incidentId}, now(), ${kind}, 'response', 'system', '一行', 'A line',
        '{}'::jsonb, false)`;
  }
  const get = async (m: Muster, path: string) => {
    const r = await call(`http://127.0.0.1:${m.port}`, 'GET', path, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(r.status).toBe(200);
    return r.body;
  };
  const timeline = async (m: Muster, id: string) =>
    ZTimeline.parse(await get(m, `/api/response/incidents/${id}/timeline`)).items.map(
      (i) => i.kind,
    );
  const grades = async (m: Muster) =>
    ZIncidentList.parse(await get(m, '/api/response/incidents')).items.map((i) => i.grade);

  /** Asks twice: the first read may come before the instance's first ping is back. */
  const kept = async (m: Muster, id: string) => {
    await timeline(m, id);
    await grades(m);
    await sleep(STALE_MS / 2);
    await timeline(m, id);
    await grades(m);
  };

  it('serves what it kept: a change the triggers do not announce is not seen', async () => {
    await kept(b, ids[0]!);
    await a.database.sql.begin(async (tx) => {
      await tx`alter table response_timeline disable trigger user`;
      await tx`
        insert into response_timeline (id, incident_id, at, kind, source, actor, summary_zh,
          summary_en, data, exercise)
        values (${randomUUID()}, ${ids[0]!}, now(), 'unannounced', 'response', 'system', '一行',
          'A line', '{}'::jsonb, false)`;
      await tx`alter table response_timeline enable trigger user`;
    });
    expect(await timeline(b, ids[0]!)).not.toContain('unannounced');
    // Any announced change to that timeline brings the whole page back.
    await line(ids[0]!, 'callup.accepted');
    await within(STALE_MS, async () => (await timeline(b, ids[0]!)).includes('unannounced'));
  });

  it('a line written through one instance, or by hand, shows on the other at once', async () => {
    await kept(b, ids[0]!);
    await line(ids[0]!, 'level.activated');
    await within(STALE_MS, async () => (await timeline(b, ids[0]!)).includes('level.activated'));
  });

  it('an incident or deadline changed anywhere refreshes the kept list', async () => {
    await kept(b, ids[0]!);
    await a.database.sql`update response_incidents set grade = 'II' where id = ${ids[1]!}`;
    await within(STALE_MS, async () => (await grades(b)).includes('II'));
    const due = async () =>
      ZIncidentList.parse(await get(b, '/api/response/incidents')).items.find(
        (i) => i.id === ids[1],
      )?.nextDueAt;
    expect(await due()).toBeNull();
    await a.database.sql`
      insert into response_deadlines (id, incident_id, kind, sequence, anchor_at, due_at,
        created_at, exercise)
      values (${randomUUID()}, ${ids[1]!}, 'initial', 1, now(), now() + interval '1 hour', now(), false)`;
    await within(STALE_MS, async () => (await due()) != null);
  });

  it('answers an unknown incident 404, however often asked', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await call(
        `http://127.0.0.1:${b.port}`,
        'GET',
        `/api/response/incidents/${randomUUID()}/timeline`,
        { headers: { authorization: `Bearer ${bearer}` } },
      );
      expect(r.status).toBe(404);
    }
  });
});
