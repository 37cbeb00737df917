import { sql, type SQL } from 'drizzle-orm';
import type { IncidentCategory, IncidentStatus } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';

/*
 * The two hottest reads — the incident list and a timeline page — are built as JSON by
 * PostgreSQL and sent as they come: parsing rows into objects only to serialise them again cost
 * more than the queries (P7). Their shapes are ZIncidentList and ZTimeline; the tests parse every
 * answer with those schemas.
 */

/** An instant as JavaScript's toISOString writes it (UTC, milliseconds, Z). */
const iso = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The JSON text of a page, and how many items it holds. */
export interface JsonPage {
  json: string;
  count: number;
}

async function page(db: Executor, query: SQL): Promise<JsonPage> {
  const rows = await db.execute<{ body: string; n: number }>(query);
  return { json: rows[0]!.body, count: rows[0]!.n };
}

/** A page of the timeline in time order; the cursor is `<at ms>.<seq>` of the last line. */
export function timelinePageJson(
  db: Executor,
  incidentId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<JsonPage> {
  const [ms, seq] = q.cursor ? (q.cursor.split('.').map(Number) as [number, number]) : [-1, -1];
  const after = q.cursor
    ? sql`and (t.at, t.seq) > (to_timestamp(${ms}::float8 / 1000), ${seq}::bigint)`
    : sql``;
  return page(
    db,
    sql`with page as (
      select t.seq, t.id, t.at, t.kind, t.source, t.actor, t.summary_zh, t.summary_en, t.data, t.exercise
      from response_timeline t where t.incident_id = ${incidentId} ${after}
      order by t.at, t.seq limit ${q.limit + 1}
    ), shown as (select * from page order by at, seq limit ${q.limit})
    select json_build_object(
      'items', coalesce((select json_agg(json_build_object(
        'id', id, 'at', ${iso(sql`at`)}, 'kind', kind, 'source', source, 'actor', actor,
        'summary', json_build_object('zh', summary_zh, 'en', summary_en),
        'data', data, 'exercise', exercise) order by at, seq) from shown), '[]'::json),
      'nextCursor', case when (select count(*) from page) > ${q.limit} then
        (select (extract(epoch from at) * 1000)::bigint || '.' || seq from shown order by at desc, seq desc limit 1)
      end)::text as body, (select count(*) from shown)::int as n`,
  );
}

/** A page of incidents, newest first (ids are UUIDv7: id order is creation order). */
export function incidentListJson(
  db: Executor,
  q: {
    limit: number;
    cursor?: string | undefined;
    status?: IncidentStatus | undefined;
    category?: IncidentCategory | undefined;
    exercise?: 'true' | 'false' | undefined;
  },
): Promise<JsonPage> {
  const where = [
    q.cursor ? sql`i.id < ${q.cursor}` : undefined,
    q.status ? sql`i.status = ${q.status}` : undefined,
    q.category ? sql`i.category = ${q.category}` : undefined,
    q.exercise ? sql`i.exercise = ${q.exercise === 'true'}` : undefined,
  ].filter((c) => c !== undefined);
  const filter = where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  return page(
    db,
    sql`with page as (
      select i.*, (select min(d.due_at) from response_deadlines d
        where d.incident_id = i.id and d.satisfied_at is null and d.cancelled_at is null) as next_due
      from response_incidents i ${filter} order by i.id desc limit ${q.limit + 1}
    ), shown as (select * from page order by id desc limit ${q.limit})
    select json_build_object(
      'items', coalesce((select json_agg(json_build_object(
        'id', id, 'title', title, 'category', category, 'subtype', subtype, 'status', status,
        'grade', grade, 'level', level, 'awareAt', ${iso(sql`aware_at`)},
        'location', case when location_lon is null or location_lat is null then null
          else json_build_object('lon', location_lon, 'lat', location_lat) end,
        'areaCodes', to_json(area_codes), 'exercise', exercise,
        'nextDueAt', ${iso(sql`next_due`)}, 'updatedAt', ${iso(sql`updated_at`)}) order by id desc)
        from shown), '[]'::json),
      'nextCursor', case when (select count(*) from page) > ${q.limit} then
        (select id::text from shown order by id asc limit 1) end)::text as body,
      (select count(*) from shown)::int as n`,
  );
}
