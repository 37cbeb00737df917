import { and, asc, like, sql } from 'drizzle-orm';
import type { Role, TEventEnvelope, TReportIncidentRequest } from '@muster/contracts';
import { startMuster, type Muster } from '../app.ts';
import { outbox } from '../platform/db/tables.ts';
import { seedDemoDistrict } from '../platform/geo/seed.ts';
import { seedResponseDemo } from '../modules/response/index.ts';
import { createTestEnv, type TestEnv } from './env.ts';
import { FAST_PASSWORDS, createAccount, login } from './accounts.ts';
import { call, type Answer } from './http.ts';
import { movableClock, type MovableClock } from './clock.ts';

export interface AccountSpec {
  role: Role;
  departmentId?: string;
}

/**
 * One backend for a response test file: a movable clock, the demo district and its flood plan
 * seeded, and signed-in accounts by name.
 */
export interface ResponseWorld {
  env: TestEnv;
  m: Muster;
  clock: MovableClock;
  ids: Map<string, string>;
  as(name: string, method: string, path: string, body?: unknown): Promise<Answer>;
  /** A GET as the named account, the raw response (HTML pages, PDFs). */
  fetchAs(name: string, path: string): Promise<Response>;
  addAccount(name: string, a: AccountSpec): Promise<void>;
  /** The response events about an incident, in outbox order. */
  eventsOf(incidentId: string, prefix?: string): Promise<TEventEnvelope[]>;
  stop(): Promise<void>;
}

export async function startResponseWorld(
  accounts: Record<string, AccountSpec>,
  start = new Date('2026-07-01T00:00:00Z'),
): Promise<ResponseWorld> {
  const env = await createTestEnv();
  const clock = movableClock(start);
  // Sweeps run when the test says (runNow), not on the runner's own timer; sessions outlast the
  // hours and days the tests move the clock by.
  const m = await startMuster(
    env.config({
      ...FAST_PASSWORDS,
      SWEEP_EVERY_MS: '60000',
      SESSION_IDLE_MINUTES: '1440',
      SESSION_ABSOLUTE_HOURS: '720',
    }),
    { clock },
  );
  await seedDemoDistrict(m.database.db);
  await seedResponseDemo({ db: m.database.db, clock, outbox: m.outbox, audit: m.audit });
  const base = `http://127.0.0.1:${m.port}`;
  const ids = new Map<string, string>();
  const bearers = new Map<string, string>();
  const addAccount = async (name: string, a: AccountSpec) => {
    const acc = await createAccount(m.database.db, {
      role: a.role,
      departmentId: a.departmentId ?? null,
    });
    ids.set(name, acc.id);
    bearers.set(name, (await login(base, acc.username, acc.password)).bearer);
  };
  for (const [name, a] of Object.entries(accounts)) await addAccount(name, a);
  return {
    env,
    m,
    clock,
    ids,
    addAccount,
    as(name, method, path, body) {
      const bearer = bearers.get(name);
      return call(base, method, path, {
        ...(body === undefined ? {} : { body }),
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
    },
    fetchAs(name, path) {
      const bearer = bearers.get(name);
      return fetch(`${base}${path}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
    },
    async eventsOf(incidentId, prefix = 'response.') {
      const rows = await m.database.db
        .select({ envelope: outbox.envelope })
        .from(outbox)
        .where(
          and(
            like(outbox.type, `${prefix}%`),
            sql`${outbox.envelope}->'data'->>'incidentId' = ${incidentId}`,
          ),
        )
        .orderBy(asc(outbox.seq));
      return rows.map((r) => r.envelope as TEventEnvelope);
    },
    async stop() {
      await m.stop();
      await env.cleanup();
    },
  };
}

let n = 0;

/** An incident report that passes validation: a flooded underpass in 天生街道, Beibei. */
export function buildIncident(o: Partial<TReportIncidentRequest> = {}): Record<string, unknown> {
  n++;
  return {
    title: `天生街道下穿通道积水 ${n}`,
    category: 'natural_disaster',
    subtype: 'urban_waterlogging',
    source: 'phone',
    awareAt: '2026-06-30T23:30:00Z',
    location: { lon: 106.437, lat: 29.825 },
    areaCodes: ['500109001'],
    ...o,
  };
}

/** The art. 72 fields of an activation, for a commander. */
export function buildActivation(commanderAccountId: string, o: Record<string, unknown> = {}) {
  return {
    level: 'IV',
    matters: '天生街道城市内涝应急处置',
    expectedDurationHours: 12,
    measures: ['封闭积水路段', '转移低洼地带群众'],
    commanderAccountId,
    ...o,
  };
}
