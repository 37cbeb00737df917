import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Role, TEventEnvelope } from '@muster/contracts';
import { startMuster, type Muster, type StartOptions } from '../app.ts';
import { auditLog } from '../platform/access/tables.ts';
import { outbox } from '../platform/db/tables.ts';
import { createTestEnv, type TestEnv } from './env.ts';
import { FAST_PASSWORDS, createAccount, login } from './accounts.ts';
import { call, type Answer } from './http.ts';

/** An account a world signs in: its role, and the team or department it belongs to. */
export interface WorldAccount {
  role: Role;
  teamId?: string;
  departmentId?: string;
}

/** One backend for a test file, with signed-in accounts by name and a bearer-token caller. */
export interface ForcesWorld {
  env: TestEnv;
  m: Muster;
  ids: Map<string, string>;
  /** Calls as the named account, or as the public when the name is `public`. */
  as(name: string, method: string, path: string, body?: unknown): Promise<Answer>;
  /** The headers that sign a request in as the named account (none for `public`). */
  headersOf(name: string): Record<string, string>;
  /** A raw GET as the named account, for pages, PDFs and exports. */
  fetchAs(name: string, path: string): Promise<Response>;
  /** Signs in one more account under a name (e.g. one tied to a team filed during the test). */
  addAccount(name: string, a: WorldAccount): Promise<void>;
  /**
   * Signs the named accounts (all, when none is named) in again, after a movable clock has
   * outrun their sessions.
   */
  relogin(...names: string[]): Promise<void>;
  /** The forces events about a team, in outbox order. */
  eventsOf(teamId: string): Promise<TEventEnvelope[]>;
  /** Audit entries whose subject is the given id, in chain order. */
  auditOf(subjectId: string): Promise<(typeof auditLog.$inferSelect)[]>;
  stop(): Promise<void>;
}

/** Start options, plus settings to override in this world's backend config. */
export type WorldOptions = StartOptions & { config?: Record<string, string> };

export async function startForcesWorld(
  accounts: Record<string, WorldAccount>,
  opts: WorldOptions = {},
): Promise<ForcesWorld> {
  const { config: overrides, ...start } = opts;
  const env = await createTestEnv();
  const m = await startMuster(env.config({ ...FAST_PASSWORDS, ...overrides }), start);
  const base = `http://127.0.0.1:${m.port}`;
  const ids = new Map<string, string>();
  const bearers = new Map<string, string>();
  const credentials = new Map<string, { username: string; password: string }>();
  const addAccount = async (name: string, a: WorldAccount) => {
    const acc = await createAccount(m.database.db, a);
    ids.set(name, acc.id);
    credentials.set(name, acc);
    bearers.set(name, (await login(base, acc.username, acc.password)).bearer);
  };
  for (const [name, a] of Object.entries(accounts)) await addAccount(name, a);
  const headersOf = (name: string): Record<string, string> => {
    const bearer = bearers.get(name);
    return bearer ? { authorization: `Bearer ${bearer}` } : {};
  };
  return {
    env,
    m,
    ids,
    addAccount,
    headersOf,
    async relogin(...names) {
      for (const [name, c] of credentials)
        if (names.length === 0 || names.includes(name))
          bearers.set(name, (await login(base, c.username, c.password)).bearer);
    },
    fetchAs: (name, path) => fetch(`${base}${path}`, { headers: headersOf(name) }),
    as(name, method, path, body) {
      return call(base, method, path, {
        ...(body === undefined ? {} : { body }),
        headers: headersOf(name),
      });
    },
    async eventsOf(teamId) {
      const rows = await m.database.db
        .select({ envelope: outbox.envelope })
        .from(outbox)
        .where(
          and(
            like(outbox.type, 'forces.%'),
            sql`${outbox.envelope}->'data'->>'teamId' = ${teamId}`,
          ),
        )
        .orderBy(asc(outbox.seq));
      return rows.map((r) => r.envelope as TEventEnvelope);
    },
    auditOf(subjectId) {
      return m.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subjectId, subjectId))
        .orderBy(asc(auditLog.seq));
    },
    async stop() {
      await m.stop();
      await env.cleanup();
    },
  };
}
