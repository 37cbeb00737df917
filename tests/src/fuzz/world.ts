import { createHash } from 'node:crypto';
import { CSRF_HEADER, ROLES, type Role } from '@muster/contracts';
import { createDatabase, type Database } from '../../../backend/src/platform/db/client.ts';
import {
  createSessionStore,
  type SessionStore,
} from '../../../backend/src/platform/access/sessions.ts';
import { SESSION_COOKIE } from '../../../backend/src/platform/access/cookie.ts';
import { systemClock } from '../../../backend/src/platform/clock.ts';
import { createAccount } from '../../../backend/src/testing/accounts.ts';
import type { TestEnv } from '../../../backend/src/testing/env.ts';

/** Who a request is sent as: each role that has an account, and the public. */
export const CALLERS = [...ROLES, 'public'] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * How the request proves its session: a bearer token, the cookie with its CSRF token, the cookie
 * without it (must be refused on a write), or a token the server never issued.
 */
export const AUTH_MODES = ['bearer', 'cookie', 'cookie_no_csrf', 'forged'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

interface RoleSessions {
  accountId: string;
  bearer: string;
  cookie: string;
  csrf: string;
}

/** The fuzzed system's accounts and sessions, made in its database (no log-in, no throttle). */
export interface FuzzWorld {
  database: Database;
  /** Headers that authenticate as the caller in the given mode. */
  headers(caller: Caller, mode: AuthMode): Record<string, string>;
  /** The bearer token of a role (for the live socket). */
  token(role: Role): string;
  /**
   * After an accepted request: if it ended a session of ours (sign-out, password change) or
   * disabled one of our accounts, open new sessions (on a new account if need be).
   */
  heal(): Promise<void>;
  close(): Promise<void>;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createFuzzWorld(env: TestEnv): Promise<FuzzWorld> {
  const database = createDatabase(env.databaseUrl, { max: 3, appName: 'muster-fuzz' });
  const store: SessionStore = createSessionStore(database.db, systemClock, {
    SESSION_IDLE_MINUTES: 30,
    SESSION_ABSOLUTE_HOURS: 12,
  });
  const roles = new Map<Role, RoleSessions>();

  const open = async (role: Role, accountId?: string) => {
    const id = accountId ?? (await createAccount(database.db, { role })).id;
    const api = await store.create(database.db, id, 'api');
    const browser = await store.create(database.db, id, 'browser');
    roles.set(role, {
      accountId: id,
      bearer: api.token,
      cookie: browser.token,
      csrf: browser.session.csrfToken,
    });
  };
  for (const role of ROLES) await open(role);

  return {
    database,
    headers(caller, mode): Record<string, string> {
      if (caller === 'public') return {};
      const s = roles.get(caller)!;
      switch (mode) {
        case 'bearer':
          return { authorization: `Bearer ${s.bearer}` };
        case 'cookie':
          return { cookie: `${SESSION_COOKIE}=${s.cookie}`, [CSRF_HEADER]: s.csrf };
        case 'cookie_no_csrf':
          return { cookie: `${SESSION_COOKIE}=${s.cookie}` };
        case 'forged':
          return { authorization: `Bearer ${s.bearer.slice(0, -4)}AAAA` };
      }
    },
    token: (role) => roles.get(role)!.bearer,
    async heal() {
      const hashes = [...roles.values()].flatMap((s) => [hash(s.bearer), hash(s.cookie)]);
      const live = await database.sql<{ account_id: string; n: number; active: boolean }[]>`
        select s.account_id, count(*)::int as n, bool_and(a.status = 'active') as active
        from sessions s join accounts a on a.id = s.account_id
        where s.token_hash = any(${hashes}) and s.revoked_at is null
        group by s.account_id`;
      for (const [role, s] of roles) {
        const row = live.find((r) => r.account_id === s.accountId);
        if (row && row.n === 2 && row.active) continue;
        const stillActive = await database.sql`
          select 1 from accounts where id = ${s.accountId} and status = 'active'`;
        await open(role, stillActive.length > 0 ? s.accountId : undefined);
      }
    },
    close: () => database.close(),
  };
}
