import { asc, like } from 'drizzle-orm';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Role, TEventEnvelope } from '@muster/contracts';
import { startMuster, type Muster } from '../app.ts';
import { outbox } from '../platform/db/tables.ts';
import { createTestEnv, type TestEnv } from './env.ts';
import { FAST_PASSWORDS, createAccount, login } from './accounts.ts';
import { movableClock, type MovableClock } from './clock.ts';
import { call, type Answer } from './http.ts';

/** One backend on a movable clock, signed-in accounts by name, and a NATS connection for sensors. */
export interface MonitoringWorld {
  env: TestEnv;
  m: Muster;
  clock: MovableClock;
  nc: NatsConnection;
  ids: Map<string, string>;
  base: string;
  /** Calls as the named account, or as the public when the name is `public`. */
  as(name: string, method: string, path: string, body?: unknown): Promise<Answer>;
  /** The bearer token of a named account, for raw requests. */
  bearer(name: string): string;
  /** Monitoring events in outbox order, optionally of one type. */
  events(type?: string): Promise<TEventEnvelope[]>;
  /** Publishes a raw sensor message for a point (bytes as given when a string). */
  publish(pointId: string, message: unknown): Promise<void>;
  stop(): Promise<void>;
}

export async function startMonitoringWorld(
  accounts: Record<string, { role: Role; departmentId?: string }>,
  start = new Date(),
): Promise<MonitoringWorld> {
  const env = await createTestEnv();
  const clock = movableClock(start);
  const m = await startMuster(env.config({ ...FAST_PASSWORDS }), { clock });
  const base = `http://127.0.0.1:${m.port}`;
  const ids = new Map<string, string>();
  const bearers = new Map<string, string>();
  for (const [name, a] of Object.entries(accounts)) {
    const acc = await createAccount(m.database.db, a);
    ids.set(name, acc.id);
    bearers.set(name, (await login(base, acc.username, acc.password)).bearer);
  }
  const nc = await connect({ servers: env.natsUrl.split(',') });
  return {
    env,
    m,
    clock,
    nc,
    ids,
    base,
    as(name, method, path, body) {
      const bearer = bearers.get(name);
      return call(base, method, path, {
        ...(body === undefined ? {} : { body }),
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
    },
    bearer: (name) => bearers.get(name) ?? '',
    async events(type) {
      const rows = await m.database.db
        .select({ envelope: outbox.envelope })
        .from(outbox)
        .where(like(outbox.type, type ?? 'monitoring.%'))
        .orderBy(asc(outbox.seq));
      return rows.map((r) => r.envelope as TEventEnvelope);
    },
    async publish(pointId, message) {
      const data = typeof message === 'string' ? message : JSON.stringify(message);
      nc.publish(`${env.namespace}.monitoring.reading.${pointId}`, data);
      await nc.flush();
    },
    async stop() {
      await nc.close();
      await m.stop();
      await env.cleanup();
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
