import type { TEvaluation, TTimelineEntry } from '@muster/contracts';

type Callup = TEvaluation['callups'][number];
type TeamFacts = Callup['teams'][number];

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Call-ups and each team's answer and arrival, from the forces events on the timeline. */
export function callupsFrom(timeline: readonly TTimelineEntry[]): Callup[] {
  const byId = new Map<string, Callup>();
  const callup = (id: string): Callup => {
    let c = byId.get(id);
    if (!c) byId.set(id, (c = { callupId: id, requestedAt: null, teams: [] }));
    return c;
  };
  const team = (c: Callup, teamId: string): TeamFacts => {
    let t = c.teams.find((x) => x.teamId === teamId);
    if (!t)
      c.teams.push(
        (t = { teamId, acceptedAt: null, declinedAt: null, checkedInAt: null, people: null }),
      );
    return t;
  };
  for (const l of timeline) {
    const callupId = str(l.data.callupId);
    const teamId = str(l.data.teamId);
    if (!callupId || l.source !== 'forces') continue;
    const c = callup(callupId);
    if (l.kind === 'callup.requested') c.requestedAt ??= l.at;
    else if (teamId && l.kind === 'callup.accepted') {
      const t = team(c, teamId);
      t.acceptedAt ??= l.at;
      t.people = num(l.data.people);
    } else if (teamId && l.kind === 'callup.declined') team(c, teamId).declinedAt ??= l.at;
    else if (teamId && l.kind === 'team.checked_in') team(c, teamId).checkedInAt ??= l.at;
  }
  return [...byId.values()];
}

/** Requisitions and compensation, summed; a claim assessed again counts at its latest amount. */
export function requisitionsFrom(timeline: readonly TTimelineEntry[]): TEvaluation['requisitions'] {
  const assessed = new Map<string, number>();
  const out = {
    orders: 0,
    items: 0,
    returned: 0,
    damaged: 0,
    claims: 0,
    assessedFen: 0,
    paidFen: 0,
  };
  for (const l of timeline) {
    if (l.source !== 'requisition') continue;
    if (l.kind === 'requisition.issued') {
      out.orders++;
      out.items += num(l.data.items);
    } else if (l.kind === 'requisition.returned') {
      out.returned++;
      if (l.data.damaged === true) out.damaged++;
    } else if (l.kind === 'compensation.assessed')
      assessed.set(String(l.data.claimId), num(l.data.amountFen));
    else if (l.kind === 'compensation.paid') out.paidFen += num(l.data.amountFen);
  }
  out.claims = assessed.size;
  out.assessedFen = [...assessed.values()].reduce((s, v) => s + v, 0);
  return out;
}
