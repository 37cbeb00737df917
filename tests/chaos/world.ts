import { sql } from 'drizzle-orm';
import type { Role, TOrderRequest } from '@muster/contracts';
import { eventSchemas } from '@muster/contracts';
import { createDatabase, type Database } from '../../backend/src/platform/db/client.ts';
import { createSessionStore } from '../../backend/src/platform/access/sessions.ts';
import { createAuditWriter } from '../../backend/src/platform/access/audit.ts';
import { createOutbox } from '../../backend/src/platform/bus/outbox.ts';
import { systemClock } from '../../backend/src/platform/clock.ts';
import { seedDemoDistrict } from '../../backend/src/platform/geo/seed.ts';
import { seedResponseDemo } from '../../backend/src/modules/response/index.ts';
import { createAccount } from '../../backend/src/testing/accounts.ts';
import { call, type Answer } from '../../backend/src/testing/http.ts';
import { waitFor } from '../../backend/src/testing/processes.ts';
import { approvedTeam, buildCallup, RALLY } from '../../backend/src/testing/callups.ts';
import type { ForcesWorld } from '../../backend/src/testing/forces-world.ts';
import { buildOrderRequest } from '../../backend/src/testing/requisition.ts';

/**
 * The people of a run: accounts made in the database with API sessions (no log-in, so no
 * throttle), calling whichever API instance `base()` names at the moment of the call.
 */
export interface ChaosWorld {
  database: Database;
  ids: Map<string, string>;
  /** A shipping company whose boats the load requisitions, order after order. */
  owner: TOrderRequest['owner'];
  token(name: string): string;
  as(
    name: string,
    method: string,
    path: string,
    body?: unknown,
    timeoutMs?: number,
  ): Promise<Answer>;
  addAccount(name: string, a: { role: Role; teamId?: string }): Promise<void>;
  close(): Promise<void>;
}

export async function createChaosWorld(o: {
  databaseUrl: string;
  base: () => string;
}): Promise<ChaosWorld> {
  const database = createDatabase(o.databaseUrl, { max: 3, appName: 'muster-chaos' });
  const store = createSessionStore(database.db, systemClock, {
    SESSION_IDLE_MINUTES: 24 * 60,
    SESSION_ABSOLUTE_HOURS: 24,
  });
  const ids = new Map<string, string>();
  const tokens = new Map<string, string>();
  const world: ChaosWorld = {
    database,
    ids,
    // Only the owner part of a built order is kept: a company with a made-up contact.
    owner: buildOrderRequest('', { ownerKind: 'unit' }).owner,
    token: (name) => tokens.get(name) ?? '',
    as(name, method, path, body, timeoutMs = 30_000) {
      const t = tokens.get(name);
      return call(o.base(), method, path, {
        ...(body === undefined ? {} : { body }),
        headers: t ? { authorization: `Bearer ${t}` } : {},
        signal: AbortSignal.timeout(timeoutMs),
      });
    },
    async addAccount(name, a) {
      const acc = await createAccount(database.db, a);
      ids.set(name, acc.id);
      tokens.set(name, (await store.create(database.db, acc.id, 'api')).token);
    },
    close: () => database.close(),
  };
  await seedDemoDistrict(database.db);
  await seedResponseDemo({
    db: database.db,
    clock: systemClock,
    outbox: createOutbox(eventSchemas, systemClock),
    audit: createAuditWriter(database.db, systemClock),
  });
  // Four eyes need three officials on a requisition: `duty` asks and assesses, `duty2` approves
  // and decides, `reviewer` takes up an objection to that decision.
  for (const [name, role] of [
    ['duty', 'duty_officer'],
    ['duty2', 'duty_officer'],
    ['reviewer', 'duty_officer'],
    ['commander', 'commander'],
    ['admin', 'admin'],
  ] as const)
    await world.addAccount(name, { role });
  return world;
}

/** Calls until the answer has the wanted status (setup steps that wait on a consumer). */
export async function until(
  what: string,
  wanted: number,
  attempt: () => Promise<Answer>,
  timeoutMs = 60_000,
): Promise<Answer> {
  let last: Answer | undefined;
  return waitFor(
    `${what} (last answer ${last?.status}: ${JSON.stringify(last?.body)?.slice(0, 300)})`,
    async () => {
      last = await attempt();
      return last.status === wanted ? last : undefined;
    },
    timeoutMs,
    250,
  );
}

/** A flood reported by phone in 天生街道, Beibei, now. */
export function incidentReport(title: string): Record<string, unknown> {
  return {
    title,
    category: 'natural_disaster',
    subtype: 'flood',
    source: 'phone',
    awareAt: new Date().toISOString(),
    location: { lon: RALLY.lon, lat: RALLY.lat },
    areaCodes: ['500109001'],
  };
}

/** An incident reported by the duty officer and activated with the world's commander. */
export async function activeIncident(w: ChaosWorld, title: string): Promise<string> {
  const reported = await until('an incident report', 201, () =>
    w.as('duty', 'POST', '/api/response/incidents', incidentReport(title)),
  );
  const id = (reported.body as { id: string }).id;
  await until('the activation', 200, () =>
    w.as('duty', 'POST', `/api/response/incidents/${id}/activate`, {
      level: 'IV',
      matters: '嘉陵江北碚段洪水应急处置',
      expectedDurationHours: 12,
      measures: ['转移低洼地带群众'],
      commanderAccountId: w.ids.get('commander'),
    }),
  );
  return id;
}

/** The test helpers speak to a forces world; ours offers the parts they use. */
function forcesShim(w: ChaosWorld): ForcesWorld {
  return {
    as: (...args: Parameters<ChaosWorld['as']>) => w.as(...args),
    addAccount: (...args: Parameters<ChaosWorld['addAccount']>) => w.addAccount(...args),
    ids: w.ids,
  } as unknown as ForcesWorld;
}

/**
 * A team filed and approved, on standby near the rally point, whose leader (`crew<k>`) answers
 * the call-ups the load sends it.
 */
export async function standbyTeam(
  w: ChaosWorld,
  k: number,
): Promise<{ teamId: string; leader: string }> {
  const base = { ...RALLY, lat: RALLY.lat + k * 0.01 };
  const team = await approvedTeam(forcesShim(w), `crew${k}`, { filing: { base } });
  return { teamId: team.id, leader: team.leader };
}

/**
 * A team filed, approved, called up to the incident and deployed, with a member account linked
 * to its first member: it may report positions.
 */
export async function deployedTeam(
  w: ChaosWorld,
  incidentId: string,
  k: number,
): Promise<{ teamId: string; member: string }> {
  const rally = { ...RALLY, lon: RALLY.lon + k * 0.01 };
  const team = await approvedTeam(forcesShim(w), `lead${k}`, { filing: { base: rally } });
  const member = `member${k}`;
  await w.addAccount(member, { role: 'team_member', teamId: team.id });
  await w.database.db.execute(
    sql`update forces_members set account_id = ${w.ids.get(member)!} where id = ${team.memberIds[0]!}`,
  );
  const order = await until('the call-up', 201, () =>
    w.as('duty', 'POST', '/api/forces/callups', {
      ...buildCallup(incidentId, { rallyPoint: rally, ackMinutes: 60 }),
    }),
  );
  const callupId = (order.body as { id: string }).id;
  await until('the dispatch', 200, () =>
    w.as('duty', 'POST', `/api/forces/callups/${callupId}/dispatch`, {
      teams: [{ teamId: team.id }],
    }),
  );
  await until('the answer', 200, () =>
    w.as(team.leader, 'POST', `/api/forces/callups/${callupId}/teams/${team.id}/answer`, {
      answer: 'accept',
      people: 3,
    }),
  );
  return { teamId: team.id, member };
}
