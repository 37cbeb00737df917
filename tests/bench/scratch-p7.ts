import { sql as dsql } from 'drizzle-orm';
import { createDatabase } from '../../backend/src/platform/db/client.ts';
import { newId } from '../../backend/src/platform/ids.ts';
import { incidentListJson, timelinePageJson } from '../../backend/src/modules/response/read-json.ts';
import { createBenchEnv } from './lib.ts';

const env = await createBenchEnv();
const database = createDatabase(env.databaseUrl, { max: 4 });
try {
  const sql = database.sql;
  const db = database.db;
  const ids = Array.from({ length: 1000 }, () => newId());
  const at = Date.parse('2026-07-01T00:00:00Z');
  await sql`
    insert into response_incidents (id, title, category, subtype, description, source, aware_at,
      location_lon, location_lat, area_codes, exercise, status, grade, criteria, created_by,
      created_at, updated_at)
    select id, '天生街道积水 ' || n, 'natural_disaster', 'urban_waterlogging', '', 'phone',
      to_timestamp(${at / 1000} + n * 60), 106.437, 29.825, array['500109001'], false, 'reported',
      'IV', '{"deaths":0,"missing":0,"injuries":0,"affected":0,"directLossFen":0}'::jsonb,
      ${ids[0]!}::uuid, now(), now()
    from unnest(${ids}::uuid[]) with ordinality as t(id, n)`;
  await sql`
    insert into response_deadlines (id, incident_id, kind, sequence, anchor_at, due_at, created_at, exercise)
    select gen_random_uuid(), id, 'initial', 1, aware_at, aware_at + interval '1 hour', now(), false
    from response_incidents`;
  await sql`
    insert into response_timeline (id, incident_id, at, kind, source, actor, summary_zh, summary_en, data, exercise)
    select gen_random_uuid(), i.id, i.aware_at + (k * interval '1 minute'),
      case when k = 1 then 'incident.reported' else 'callup.accepted' end,
      case when k = 1 then 'response' else 'forces' end, 'system',
      '队伍 ' || k || ' 接受调用，出动 6 人', 'Team ' || k || ' accepted with 6 people',
      jsonb_build_object('callupId', i.id, 'teamId', gen_random_uuid(), 'people', 6), false
    from response_incidents i cross join generate_series(1, 100) as k`;
  await sql`analyze`;
  for (const [name, f] of [
    ['list', () => incidentListJson(db, { limit: 50 })],
    ['timeline', () => timelinePageJson(db, ids[Math.floor(Math.random() * 1000)]!, { limit: 100 })],
    ['select1', () => db.execute(dsql`select 1`)],
  ] as const) {
    for (let i = 0; i < 50; i++) await f();
    const t = performance.now();
    for (let i = 0; i < 300; i++) await f();
    console.log(name, ((performance.now() - t) / 300).toFixed(2), 'ms sequential');
  }
  const l = await incidentListJson(db, { limit: 50 });
  console.log('list bytes', l.json.length);
  const tl = await timelinePageJson(db, ids[5]!, { limit: 100 });
  console.log('timeline bytes', tl.json.length);
  // Server-side time
  const r1 = await sql.unsafe(`explain (analyze, buffers) with page as (
      select i.*, (select min(d.due_at) from response_deadlines d
        where d.incident_id = i.id and d.satisfied_at is null and d.cancelled_at is null) as next_due
      from response_incidents i order by i.id desc limit 51) select count(*) from page`);
  console.log(r1.map((r) => Object.values(r)[0]).join('\n'));
  const r2 = await sql.unsafe(`explain (analyze, buffers) select t.seq, t.id, t.at, t.kind, t.source, t.actor, t.summary_zh, t.summary_en, t.data, t.exercise
      from response_timeline t where t.incident_id = '${ids[5]}' order by t.at, t.seq limit 101`);
  console.log(r2.map((r) => Object.values(r)[0]).join('\n'));
} finally {
  await database.close();
  await env.cleanup();
}
