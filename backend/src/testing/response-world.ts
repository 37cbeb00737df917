import { and, asc, like, sql } from 'drizzle-orm';
import type { TEventEnvelope, TReportIncidentRequest } from '@muster/contracts';
import { outbox } from '../platform/db/tables.ts';
import { seedDemoDistrict } from '../platform/geo/seed.ts';
import { seedResponseDemo } from '../modules/response/index.ts';
import { movableClock, type MovableClock } from './clock.ts';
import { startForcesWorld, type ForcesWorld, type WorldAccount } from './forces-world.ts';

/**
 * A forces world (one backend, signed-in accounts by name) on a movable clock, with the demo
 * district and its flood plan seeded: what every response test starts from.
 */
export interface ResponseWorld extends ForcesWorld {
  clock: MovableClock;
  /** A GET as the named account, the raw response (HTML pages, PDFs). */
  fetchAs(name: string, path: string): Promise<Response>;
  /** The events of a kind about an incident, in outbox order. */
  eventsOf(incidentId: string, prefix?: string): Promise<TEventEnvelope[]>;
}

export async function startResponseWorld(
  accounts: Record<string, WorldAccount>,
  start = new Date('2026-07-01T00:00:00Z'),
): Promise<ResponseWorld> {
  const clock = movableClock(start);
  // Sweeps run when the test says (runNow), not on the runner's own timer; sessions outlast the
  // hours and days the tests move the clock by.
  const w = await startForcesWorld(accounts, {
    clock,
    config: {
      SWEEP_EVERY_MS: '60000',
      SESSION_IDLE_MINUTES: '1440',
      SESSION_ABSOLUTE_HOURS: '720',
    },
  });
  const { m } = w;
  await seedDemoDistrict(m.database.db);
  await seedResponseDemo({ db: m.database.db, clock, outbox: m.outbox, audit: m.audit });
  return {
    ...w,
    clock,
    fetchAs(name, path) {
      return fetch(`http://127.0.0.1:${m.port}${path}`, { headers: w.headersOf(name) });
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
