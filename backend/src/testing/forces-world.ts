import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Role, TEventEnvelope } from '@muster/contracts';
import { startMuster, type Muster } from '../app.ts';
import { auditLog } from '../platform/access/tables.ts';
import { outbox } from '../platform/db/tables.ts';
import { createTestEnv, type TestEnv } from './env.ts';
import { FAST_PASSWORDS, createAccount, login } from './accounts.ts';
import { call, type Answer } from './http.ts';
import type { Clock } from '../platform/clock.ts';

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
  /** Signs in one more account under a name (e.g. one tied to a team filed during the test). */
  addAccount(name: string, a: WorldAccount): Promise<void>;
  /** The forces events about a team, in outbox order. */
  eventsOf(teamId: string): Promise<TEventEnvelope[]>;
  /** Audit entries whose subject is the given id, in chain order. */
  auditOf(subjectId: string): Promise<(typeof auditLog.$inferSelect)[]>;
  stop(): Promise<void>;
}

export async function startForcesWorld(
  accounts: Record<string, WorldAccount>,
  opts: { clock?: Clock; config?: Record<string, string> } = {},
): Promise<ForcesWorld> {
  const env = await createTestEnv();
  const m = await startMuster(env.config({ ...FAST_PASSWORDS, ...opts.config }), {
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const base = `http://127.0.0.1:${m.port}`;
  const ids = new Map<string, string>();
  const bearers = new Map<string, string>();
  const addAccount = async (name: string, a: WorldAccount) => {
    const acc = await createAccount(m.database.db, a);
    ids.set(name, acc.id);
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
