import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type {
  TCallupRequest,
  TEventEnvelope,
  TMemberRequest,
  TTeamFilingRequest,
} from '@muster/contracts';
import { grants } from '../platform/access/grants.ts';
import { newId } from '../platform/ids.ts';
import type { ForcesWorld } from './forces-world.ts';
import { buildFiling, buildMember } from './forces.ts';
import { waitFor } from './processes.ts';

const DAY_MS = 86_400_000;
/** Test call-ups need forces from two days after the run starts, for a day. */
const WINDOW_START = Date.now() + 2 * DAY_MS;
export const WINDOW = {
  from: new Date(WINDOW_START).toISOString(),
  to: new Date(WINDOW_START + DAY_MS).toISOString(),
};

/**
 * The calendar day (China time, as on a policy or a certificate) `n` days after the window's
 * first day: dates of test filings move with the run, so the tests hold on any day.
 */
export function day(n: number): string {
  return new Date(WINDOW_START + n * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A policy of the whole team covering the test window with months to spare. */
export const coveringPolicy = () => ({
  insurer: '人保财险',
  number: `P-${randomUUID().slice(0, 8)}`,
  validFrom: day(-60),
  validTo: day(300),
});
/** Tianshengjie, Beibei: where the test teams are based and rally. */
export const RALLY = { lon: 106.437, lat: 29.825, address: '北碚区天生街道集结点' };

/**
 * Reports an incident as the response module would: `response.incident.reported` and
 * `response.level.activated` (with its commander) through the outbox, and the commander's
 * `command` grant, in one transaction; then waits for the forces read model to know it.
 */
export async function reportIncident(
  w: ForcesWorld,
  o: { commander?: string; exercise?: boolean; drillRunId?: string } = {},
): Promise<string> {
  const incidentId = newId();
  const now = new Date().toISOString();
  const commanderId = o.commander ? w.ids.get(o.commander) : undefined;
  const meta = {
    actor: 'system',
    incidentId,
    exercise: o.exercise ?? false,
    ...(o.drillRunId ? { drillRunId: o.drillRunId } : {}),
  };
  await w.m.database.db.transaction(async (tx) => {
    await w.m.outbox.append(tx, [
      {
        type: 'response.incident.reported',
        ...meta,
        data: {
          incidentId,
          title: `嘉陵江北碚段洪水 ${incidentId.slice(-4)}`,
          category: 'natural_disaster',
          subtype: 'flood',
          source: 'phone',
          awareAt: now,
          location: { lon: RALLY.lon, lat: RALLY.lat },
          areaCodes: ['500109'],
        },
      },
    ]);
    if (commanderId) {
      await w.m.outbox.append(tx, [
        {
          type: 'response.level.activated',
          ...meta,
          data: { incidentId, level: 'III', activatedAt: now, commanderAccountId: commanderId },
        },
      ]);
      await grants.grant(tx, {
        kind: 'command',
        incidentId,
        accountId: commanderId,
        at: new Date(),
      });
    }
  });
  await waitFor('the forces read model to know the incident', async () => {
    const [row] = await w.m.database.db.execute<{ ok: boolean }>(
      sql`select reported_at is not null and (${commanderId ?? null}::uuid is null
            or commander_account_id = ${commanderId ?? null}::uuid) as ok
          from forces_incidents where id = ${incidentId}`,
    );
    return row?.ok === true;
  });
  return incidentId;
}

/** Closes an incident as the response module would. */
export async function closeIncident(w: ForcesWorld, incidentId: string): Promise<void> {
  await w.m.database.db.transaction((tx) =>
    w.m.outbox.append(tx, [
      {
        type: 'response.incident.closed',
        actor: 'system',
        incidentId,
        data: { incidentId, closedAt: new Date().toISOString() },
      },
    ]),
  );
}

export interface ApprovedTeam {
  id: string;
  /** The leader's name in the world. */
  leader: string;
  memberIds: string[];
}

/**
 * A team filed by a new leader (named `leader`), with members, submitted and approved by the
 * named duty officer: a team in the real registry tables, announced by its real events.
 */
export async function approvedTeam(
  w: ForcesWorld,
  leader: string,
  o: {
    filing?: Partial<TTeamFilingRequest>;
    members?: Partial<TMemberRequest>[];
    duty?: string;
    /** The filing's edit once members exist (e.g. a policy naming them), before submission. */
    edit?: (memberIds: string[]) => Partial<TTeamFilingRequest>;
  } = {},
): Promise<ApprovedTeam> {
  await w.addAccount(leader, { role: 'team_leader' });
  const filing = buildFiling({ insurance: [coveringPolicy()], ...o.filing });
  const filed = await w.as(leader, 'POST', '/api/forces/teams', filing);
  if (filed.status !== 201)
    throw new Error(`filing answered ${filed.status}: ${JSON.stringify(filed.body)}`);
  const id = (filed.body as { id: string }).id;
  const memberIds: string[] = [];
  for (const m of o.members ?? [{}]) {
    const cert = {
      name: '红十字救护员证',
      number: `RC-${randomUUID().slice(0, 8)}`,
      expiresOn: day(700),
    };
    const added = await w.as(
      leader,
      'POST',
      `/api/forces/teams/${id}/members`,
      buildMember({ certificates: [cert], ...m }),
    );
    if (added.status !== 201) throw new Error(`member answered ${added.status}`);
    memberIds.push((added.body as { id: string }).id);
  }
  if (o.edit) {
    const put = await w.as(leader, 'PUT', `/api/forces/teams/${id}`, {
      ...filing,
      ...o.edit(memberIds),
    });
    if (put.status !== 200) throw new Error(`edit answered ${put.status}`);
  }
  await w.as(leader, 'POST', `/api/forces/teams/${id}/submit`);
  const ok = await w.as(o.duty ?? 'duty', 'POST', `/api/forces/teams/${id}/approve`);
  if (ok.status !== 200) throw new Error(`approval answered ${ok.status}`);
  return { id, leader, memberIds };
}

/** A call-up order for the incident; override any part. */
export function buildCallup(
  incidentId: string,
  o: Partial<TCallupRequest> = {},
): Record<string, unknown> {
  return {
    incidentId,
    needs: [{ capability: 'water_rescue', count: 1 }],
    rallyPoint: RALLY,
    window: WINDOW,
    task: '转移嘉陵江沿岸被困群众 / move people stranded on the Jialing riverbank',
    terms: {
      personHourFen: 5_000,
      equipmentHourFen: [{ kind: '冲锋舟', fen: 20_000 }],
      expensesReimbursed: true,
    },
    ackMinutes: 1,
    ...o,
  };
}

/** Forces events of a call-up in outbox order (type and data). */
export async function callupEvents(w: ForcesWorld, callupId: string): Promise<TEventEnvelope[]> {
  const rows = await w.m.database.db.execute<{ envelope: TEventEnvelope }>(
    sql`select envelope from outbox where envelope->'data'->>'callupId' = ${callupId} order by seq`,
  );
  return rows.map((r) => r.envelope);
}

export interface Place {
  rally: { lon: number; lat: number; address: string };
  /** A base `km` east of the rally point (a degree of longitude is about 96.7 km at 29.8°N). */
  at(km: number): { lon: number; lat: number; address: string };
}

/**
 * Rally points two degrees apart, a new one per call: each test matches around its own, so the
 * teams other tests of the file filed stay out of its results.
 */
export function places(): () => Place {
  let n = 0;
  return () => {
    n++;
    const rally = { lon: RALLY.lon + n * 2, lat: RALLY.lat, address: `集结点 ${n}` };
    return {
      rally,
      at: (km) => ({
        ...rally,
        lon: rally.lon + km / 96.7,
        address: `基地 ${randomUUID().slice(0, 6)}`,
      }),
    };
  };
}

/**
 * A call-up order for the incident, rallying at `rally`, with the team alerted (dispatch is
 * retried until the matching index has the team); returns the order's id.
 */
export async function dispatchedCallup(
  w: ForcesWorld,
  incidentId: string,
  teamId: string,
  rally: { lon: number; lat: number; address: string },
  duty = 'duty',
): Promise<string> {
  const order = await w.as(duty, 'POST', '/api/forces/callups', {
    ...buildCallup(incidentId, { rallyPoint: rally, ackMinutes: 60 }),
  });
  if (order.status !== 201)
    throw new Error(`call-up answered ${order.status}: ${JSON.stringify(order.body)}`);
  const callupId = (order.body as { id: string }).id;
  await waitFor('the team to be dispatched', async () => {
    const d = await w.as(duty, 'POST', `/api/forces/callups/${callupId}/dispatch`, {
      teams: [{ teamId }],
    });
    return d.status === 200 || undefined;
  });
  return callupId;
}
