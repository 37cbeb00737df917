import type postgres from 'postgres';
import type { Acked, CommandKind } from './load.ts';

/** Counts a finding (`lost`, `duplicated`, `unapplied`) with a line that says what it was. */
export type Note = (what: 'lost' | 'duplicated' | 'unapplied', n: number, line: string) => void;

/** Where a chain's record is kept, and the order its statuses come in. */
const RECORDS = {
  report: { table: 'response_reports', ladder: ['draft', 'submitted'] },
  callup: { table: 'forces_callups', ladder: ['open', 'closed'] },
  order: { table: 'requisition_orders', ladder: ['requested', 'issued'] },
  item: { table: 'requisition_items', ladder: ['awaiting_handover', 'in_use', 'returned'] },
  claim: {
    table: 'requisition_claims',
    ladder: ['open', 'assessed', 'approved', 'partially_paid', 'paid'],
  },
  objection: { table: 'requisition_objections', ladder: ['filed', 'under_review', 'decided'] },
} as const;
type RecordName = keyof typeof RECORDS;

/**
 * What each acknowledged step promises: its record (by `id`, or `itemId` for an item) at least at
 * a status; the event it wrote, found by a field of its data, exactly once; and, where the
 * response module's consumer puts that event on the incident's timeline, exactly one line of it.
 */
interface Step {
  record: RecordName;
  status: string;
  event: string;
  /** The event's data field that names the record (the team too for call-up answers). */
  key: 'reportId' | 'callupId' | 'orderId' | 'itemId' | 'claimId' | 'objectionId';
  /** The response module's consumers (`callups`, `requisitions`) make a timeline line of it. */
  timeline?: true;
}
const STEPS: Partial<Record<CommandKind, Step>> = {
  'report.draft': { record: 'report', status: 'draft', event: '', key: 'reportId' },
  'report.submit': {
    record: 'report',
    status: 'submitted',
    event: 'response.report.submitted',
    key: 'reportId',
  },
  'report.final': {
    record: 'report',
    status: 'submitted',
    event: 'response.report.submitted',
    key: 'reportId',
  },
  'callup.create': {
    record: 'callup',
    status: 'open',
    event: 'forces.callup.requested',
    key: 'callupId',
    timeline: true,
  },
  'requisition.order': {
    record: 'order',
    status: 'requested',
    event: 'requisition.order.requested',
    key: 'orderId',
  },
  'requisition.approve': {
    record: 'order',
    status: 'issued',
    event: 'requisition.order.issued',
    key: 'orderId',
    timeline: true,
  },
  'requisition.handover': {
    record: 'item',
    status: 'in_use',
    event: 'requisition.item.handed_over',
    key: 'itemId',
  },
  'requisition.return': {
    record: 'item',
    status: 'returned',
    event: 'requisition.item.returned',
    key: 'itemId',
    timeline: true,
  },
  'compensation.assess': {
    record: 'claim',
    status: 'assessed',
    event: 'requisition.compensation.assessed',
    key: 'claimId',
    timeline: true,
  },
  'compensation.approve': {
    record: 'claim',
    status: 'approved',
    event: 'requisition.compensation.approved',
    key: 'claimId',
  },
  'objection.file': {
    record: 'objection',
    status: 'filed',
    event: 'requisition.objection.filed',
    key: 'objectionId',
  },
  'objection.review': {
    record: 'objection',
    status: 'under_review',
    event: 'requisition.objection.review_started',
    key: 'objectionId',
  },
  'objection.decide': {
    record: 'objection',
    status: 'decided',
    event: 'requisition.objection.decided',
    key: 'objectionId',
  },
};
/** Call-up steps on a team's row of the board: the event names the call-up and the team. */
const ANSWERS: Partial<Record<CommandKind, { status: string | null; event: string }>> = {
  'callup.dispatch': { status: null, event: 'forces.callup.alerted' },
  'callup.accept': { status: 'accepted', event: 'forces.callup.accepted' },
  'callup.decline': { status: 'declined', event: 'forces.callup.declined' },
};
const TIMELINE_TYPES = ['forces.callup.accepted', 'forces.callup.declined'];

interface StoredEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  /** Lines on response_timeline made from it (by event id). */
  lines: number;
}

/**
 * The chains of incident reports, call-ups, requisitions and compensation: every acknowledged
 * step stored at least at that step, its event stored once, and the response module's timeline
 * (its consumers of call-up and requisition events) holding exactly one line per such event;
 * every issued order exactly once in the response module's read model of orders.
 */
export async function checkChains(
  sql: postgres.Sql,
  acked: readonly Acked[],
  note: Note,
): Promise<void> {
  const types = new Set<string>(TIMELINE_TYPES);
  for (const s of Object.values(STEPS)) if (s.event) types.add(s.event);
  for (const s of Object.values(ANSWERS)) types.add(s.event);
  const events = await sql<StoredEvent[]>`
    select o.id::text, o.type, o.envelope->'data' as data,
      (select count(*)::int from response_timeline t where t.event_id = o.id) as lines
    from outbox o where o.type = any(${[...types]})`;
  const byKey = new Map<string, StoredEvent[]>();
  const keyOf = (type: string, ...ids: unknown[]) => [type, ...ids].join(':');
  for (const e of events) {
    for (const k of ['reportId', 'callupId', 'orderId', 'itemId', 'claimId', 'objectionId']) {
      const v = e.data[k];
      if (typeof v !== 'string') continue;
      // Call-up alerts and answers are per team: keyed by the call-up and the team.
      const team = k === 'callupId' ? e.data.teamId : undefined;
      const id = typeof team === 'string' ? keyOf(e.type, v, team) : keyOf(e.type, v);
      byKey.set(id, [...(byKey.get(id) ?? []), e]);
    }
  }
  const once = (what: string, found: StoredEvent[] | undefined, timeline: boolean) => {
    const n = found?.length ?? 0;
    if (n === 0) note('lost', 1, `${what}: acknowledged, its event not stored`);
    if (n > 1) note('duplicated', n - 1, `${what}: its event stored ${n} times`);
    if (!timeline) return;
    for (const e of found ?? []) {
      if (e.lines === 0) note('unapplied', 1, `${what}: ${e.type} ${e.id} not on the timeline`);
      if (e.lines > 1)
        note('duplicated', e.lines - 1, `${what}: ${e.type} ${e.id} on the timeline ${e.lines}×`);
    }
  };

  // Records at or past each acknowledged step; each step's event once (and on the timeline once).
  const want = new Map<string, { record: RecordName; status: string; what: string }>();
  for (const a of acked) {
    const s = STEPS[a.kind];
    const id = s?.record === 'item' ? a.itemId : a.id;
    if (!s || !id) continue;
    const ladder: readonly string[] = RECORDS[s.record].ladder;
    const had = want.get(`${s.record}:${id}`);
    if (!had || ladder.indexOf(s.status) > ladder.indexOf(had.status))
      want.set(`${s.record}:${id}`, {
        record: s.record,
        status: s.status,
        what: `${a.kind} ${id}`,
      });
    if (s.event) once(`${a.kind} ${id}`, byKey.get(keyOf(s.event, id)), s.timeline === true);
  }
  for (const [record, { table, ladder }] of Object.entries(RECORDS)) {
    const ids = [...want.entries()]
      .filter(([, w]) => w.record === record)
      .map(([k]) => k.slice(record.length + 1));
    if (ids.length === 0) continue;
    const rows = await sql<{ id: string; status: string }[]>`
      select id::text, status from ${sql(table)} where id = any(${ids}::uuid[])`;
    const status = new Map(rows.map((r) => [r.id, r.status]));
    for (const id of ids) {
      const w = want.get(`${record}:${id}`)!;
      const got = status.get(id);
      const rank = (x: string | undefined) => (x ? (ladder as readonly string[]).indexOf(x) : -1);
      if (rank(got) < rank(w.status))
        note('lost', 1, `${w.what}: acknowledged ${w.status}, stored ${got ?? 'nothing'}`);
    }
  }

  // A submitted report's line is written with it, in its transaction: exactly one.
  const submitted = acked
    .filter((a) => a.kind === 'report.submit' || a.kind === 'report.final')
    .map((a) => a.id!);
  const reportLines = await sql<{ id: string; n: number }[]>`
    select r.id::text, (select count(*)::int from response_timeline t
      where t.kind = 'report.submitted' and t.data->>'reportId' = r.id::text) as n
    from unnest(${submitted}::uuid[]) as r(id)`;
  for (const r of reportLines) {
    if (r.n === 0) note('lost', 1, `report ${r.id}: submitted, not on the timeline`);
    if (r.n > 1) note('duplicated', r.n - 1, `report ${r.id}: on the timeline ${r.n} times`);
  }

  // Call-up boards: the team's row at the answer acknowledged, its event once (and its line).
  const board = new Map<string, { callupId: string; teamId: string; status: string | null }>();
  for (const a of acked) {
    const s = ANSWERS[a.kind];
    if (!s || !a.id || !a.teamId) continue;
    const k = `${a.id}:${a.teamId}`;
    if (s.status || !board.has(k))
      board.set(k, { callupId: a.id, teamId: a.teamId, status: s.status });
    const what = `${a.kind} ${a.id} team ${a.teamId}`;
    once(what, byKey.get(keyOf(s.event, a.id, a.teamId)), TIMELINE_TYPES.includes(s.event));
  }
  const rows = await sql<{ callup_id: string; team_id: string; status: string }[]>`
    select callup_id::text, team_id::text, status from forces_callup_assignments
    where callup_id = any(${[...new Set([...board.values()].map((b) => b.callupId))]}::uuid[])`;
  const stored = new Map(rows.map((r) => [`${r.callup_id}:${r.team_id}`, r.status]));
  for (const [k, b] of board) {
    const got = stored.get(k);
    if (!got || (b.status && got !== b.status))
      note(
        'lost',
        1,
        `call-up ${k}: acknowledged ${b.status ?? 'alerted'}, stored ${got ?? 'nothing'}`,
      );
  }

  // The response module's read model of orders: one row per issued order.
  const issued = acked.filter((a) => a.kind === 'requisition.approve').map((a) => a.id!);
  const known = await sql<{ id: string; n: number }[]>`
    select o.id::text, (select count(*)::int from response_requisition_orders r
      where r.order_id = o.id) as n from unnest(${issued}::uuid[]) as o(id)`;
  for (const o of known)
    if (o.n !== 1) note('unapplied', 1, `order ${o.id}: ${o.n} rows in the response read model`);
}
