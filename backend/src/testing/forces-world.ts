import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Role, TEventEnvelope } from '@muster/contracts';
import { startMuster, type Muster, type StartOptions } from '../app.ts';
import { auditLog } from '../platform/access/tables.ts';
import { outbox } from '../platform/db/tables.ts';
import { createTestEnv, type TestEnv } from './env.ts';
import { FAST_PASSWORDS, createAccount, login } from './accounts.ts';
import { call, type Answer } from './http.ts';

/** One backend for a test file, with signed-in accounts by name and a bearer-token caller. */
export interface ForcesWorld {
  env: TestEnv;
  m: Muster;
  ids: Map<string, string>;
  /** Calls as the named account, or as the public when the name is `public`. */
  as(name: string, method: string, path: string, body?: unknown): Promise<Answer>;
  /** A raw GET as the named account, for pages, PDFs and exports. */
  fetchAs(name: string, path: string): Promise<Response>;
  /** Signs in one more account under a name (e.g. one tied to a team filed during the test). */
  addAccount(name: string, a: { role: Role; teamId?: string }): Promise<void>;
  /** Signs the named accounts (all, when none is named) in again, after a movable clock has
   * outrun their sessions. */
  relogin(...names: string[]): Promise<void>;
  /** The forces events about a team, in outbox order. */
  eventsOf(teamId: string): Promise<TEventEnvelope[]>;
  /** Audit entries whose subject is the given id, in chain order. */
  auditOf(subjectId: string): Promise<(typeof auditLog.$inferSelect)[]>;
  stop(): Promise<void>;
}

export async function startForcesWorld(
  accounts: Record<string, { role: Role; teamId?: string }>,
  opts: StartOptions = {},
): Promise<ForcesWorld> {
  const env = await createTestEnv();
  const m = await startMuster(env.config({ ...FAST_PASSWORDS }), opts);
  const base = `http://127.0.0.1:${m.port}`;
  const ids = new Map<string, string>();
  const bearers = new Map<string, string>();
  const credentials = new Map<string, { username: string; password: string }>();
  const addAccount = async (name: string, a: { role: Role; teamId?: string }) => {
    const acc = await createAccount(m.database.db, a);
    ids.set(name, acc.id);
    credentials.set(name, acc);
    bearers.set(name, (await login(base, acc.username, acc.password)).bearer);
  };
  for (const [name, a] of Object.entries(accounts)) await addAccount(name, a);
  return {
    env,
    m,
    ids,
    addAccount,
    async relogin(...names) {
      for (const [name, c] of credentials)
        if (names.length === 0 || names.includes(name))
          bearers.set(name, (await login(base, c.username, c.password)).bearer);
    },
    fetchAs(name, path) {
      const bearer = bearers.get(name);
      return fetch(`${base}${path}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
    },
    as(name, method, path, body) {
      const bearer = bearers.get(name);
      return call(base, method, path, {
        ...(body === undefined ? {} : { body }),
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
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
