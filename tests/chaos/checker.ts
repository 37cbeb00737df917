import postgres from 'postgres';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { Acked } from './load.ts';
import { checkChains } from './checker-chains.ts';

/** What the checker found; every count but `checked_*` must be 0. */
export interface CheckResult {
  acknowledged: number;
  /** Acknowledged commands whose record or events are not stored. */
  lost: number;
  /** Effects applied more than once (probe receipts, read-model rows, consumed ids). */
  duplicated: number;
  /** Stored events a consumer of their type never applied (and did not dead-letter). */
  unapplied: number;
  /** Messages dead-lettered (a handler failed five times). */
  dead_lettered: number;
  consumers: number;
  events: number;
  details: string[];
}

/** The consumers of a namespace's events stream and their backlog (pending + unacknowledged). */
export async function consumerLag(
  jsm: JetStreamManager,
  stream: string,
): Promise<{ pending: number; consumers: { durable: string; type: string }[] }> {
  let pending = 0;
  const consumers: { durable: string; type: string }[] = [];
  for await (const c of jsm.consumers.list(stream)) {
    // Only the shared durable consumers apply effects; the ordered consumers each gateway reads
    // with are its own, and one left by a killed process lingers until the server drops it.
    if (!c.config.durable_name) continue;
    pending += c.num_pending + c.num_ack_pending;
    const filter = c.config.filter_subject ?? '';
    consumers.push({ durable: c.name, type: filter.split('.').slice(1).join('.') });
  }
  return { pending, consumers };
}

/** Unsent outbox rows plus every consumer's backlog: 0 when the pipeline has caught up. */
export async function pipelineLag(
  sql: postgres.Sql,
  jsm: JetStreamManager,
  stream: string,
): Promise<number> {
  const [row] = await sql<
    { n: number }[]
  >`select count(*)::int as n from outbox where sent_at is null`;
  return (row?.n ?? 0) + (await consumerLag(jsm, stream)).pending;
}

/**
 * Compares what clients were told with what is stored and what each consumer applied:
 * every acknowledged command stored, every event applied exactly once by every consumer of it.
 */
export async function check(o: {
  databaseUrl: string;
  natsUrl: string;
  namespace: string;
  acked: Acked[];
}): Promise<CheckResult> {
  const sql = postgres(o.databaseUrl, { max: 2, onnotice: () => {} });
  const nc = await connect({ servers: o.natsUrl.split(',') });
  const details: string[] = [];
  const r: CheckResult = {
    acknowledged: o.acked.length,
    lost: 0,
    duplicated: 0,
    unapplied: 0,
    dead_lettered: 0,
    consumers: 0,
    events: 0,
    details,
  };
  const note = (what: keyof CheckResult, n: number, line: string) => {
    if (n <= 0) return;
    (r[what] as number) += n;
    if (details.length < 50) details.push(line);
  };
  try {
    const jsm = await jetstreamManager(nc);
    const up = o.namespace.toUpperCase();
    const ids = (kind: string) => o.acked.filter((a) => a.kind === kind).map((a) => a.id!);

    // Every acknowledged probe: its event stored and applied exactly once (probe_receipts is
    // deliberately not unique by event, so a second application would show).
    const probeIds = o.acked.filter((a) => a.kind === 'probe').flatMap((a) => a.eventIds ?? []);
    const receipts = await sql<{ id: string; stored: boolean; n: number }[]>`
      select p.id, exists(select 1 from outbox where id = p.id) as stored,
             (select count(*)::int from probe_receipts where event_id = p.id) as n
      from unnest(${probeIds}::uuid[]) as p(id)`;
    for (const x of receipts) {
      if (!x.stored) note('lost', 1, `probe event ${x.id} acknowledged but not stored`);
      if (x.n === 0) note('unapplied', 1, `probe event ${x.id} never applied`);
      if (x.n > 1) note('duplicated', x.n - 1, `probe event ${x.id} applied ${x.n} times`);
    }
    const [dupReceipts] = await sql<{ n: number }[]>`
      select coalesce(sum(n - 1), 0)::int as n from
        (select count(*) as n from probe_receipts group by event_id having count(*) > 1) d`;
    const extra = (dupReceipts?.n ?? 0) - receipts.reduce((s, x) => s + Math.max(0, x.n - 1), 0);
    note('duplicated', extra, `${extra} unacknowledged probes applied more than once`);

    // Incidents: the record, and each module's read model of it exactly once.
    const incidents = ids('incident');
    const inc = await sql<{ id: string; stored: boolean; forces: number; requisition: number }[]>`
      select i.id, exists(select 1 from response_incidents where id = i.id) as stored,
        (select count(*)::int from forces_incidents where id = i.id) as forces,
        (select count(*)::int from requisition_incidents where incident_id = i.id) as requisition
      from unnest(${incidents}::uuid[]) as i(id)`;
    for (const x of inc) {
      if (!x.stored) note('lost', 1, `incident ${x.id} acknowledged but not stored`);
      if (x.forces !== 1) note('unapplied', 1, `incident ${x.id}: ${x.forces} forces rows`);
      if (x.requisition !== 1)
        note('unapplied', 1, `incident ${x.id}: ${x.requisition} requisition rows`);
    }

    // Warnings: each acknowledged step is what the stored warning shows (or a later one).
    const order = ['draft', 'pending_approval', 'issued', 'adjusted'];
    const reached = new Map<string, number>();
    const stepOf: Record<string, number> = {
      'warning.draft': 0,
      'warning.submit': 1,
      'warning.approve': 2,
      'warning.approve_adjust': 3,
    };
    for (const a of o.acked)
      if (a.id && a.kind in stepOf)
        reached.set(a.id, Math.max(reached.get(a.id) ?? 0, stepOf[a.kind]!));
    const warnings = await sql<{ id: string; status: string | null; level: string | null }[]>`
      select w.id, m.status, m.level from unnest(${[...reached.keys()]}::uuid[]) as w(id)
      left join monitoring_warnings m on m.id = w.id`;
    for (const x of warnings) {
      const want = reached.get(x.id)!;
      const got = x.status ? order.indexOf(x.status) : -1;
      if (got < want)
        note('lost', 1, `warning ${x.id}: acknowledged ${order[want]}, stored ${x.status}`);
    }

    // Incident reports, call-ups, requisitions and compensation, step by step.
    await checkChains(sql, o.acked, note);

    // Positions: every acknowledged fix kept in the team's sealed track.
    const fixes = new Map<string, number>();
    for (const a of o.acked)
      if (a.kind === 'position') fixes.set(a.teamId!, (fixes.get(a.teamId!) ?? 0) + 1);
    for (const [teamId, n] of fixes) {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from forces_position_tracks where team_id = ${teamId}`;
      note('lost', n - (row?.n ?? 0), `team ${teamId}: ${n} fixes acknowledged, ${row?.n} kept`);
    }

    // Every consumer applied every stored event of its type (ids in consumed_events are unique
    // per consumer by key, so the count of missing ones is what matters).
    const { consumers } = await consumerLag(jsm, `${up}_EVENTS`);
    r.consumers = consumers.length;
    const [events] = await sql<{ n: number }[]>`select count(*)::int as n from outbox`;
    r.events = events?.n ?? 0;
    for (const c of consumers) {
      const [row] = await sql<{ missing: number; stray: number }[]>`
        select
          (select count(*)::int from outbox o where o.type = ${c.type}
             and not exists (select 1 from consumed_events e
                              where e.consumer = ${c.durable} and e.event_id = o.id)) as missing,
          (select count(*)::int from consumed_events e where e.consumer = ${c.durable}
             and not exists (select 1 from outbox o where o.id = e.event_id)) as stray`;
      note('unapplied', row?.missing ?? 0, `${c.durable}: ${row?.missing} events not applied`);
      note('duplicated', row?.stray ?? 0, `${c.durable}: ${row?.stray} ids applied never stored`);
    }
    try {
      r.dead_lettered = (await jsm.streams.info(`${up}_DLQ`)).state.messages;
    } catch {
      r.dead_lettered = -1;
    }
  } finally {
    await nc.close();
    await sql.end();
  }
  return r;
}
