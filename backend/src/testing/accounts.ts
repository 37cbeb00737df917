import { randomBytes } from 'node:crypto';
import { CSRF_HEADER, ZSession, type Role } from '@muster/contracts';
import type { Executor } from '../platform/db/client.ts';
import { insertAccount, type AccountStatus } from '../platform/access/accounts.ts';
import { SESSION_COOKIE } from '../platform/access/cookie.ts';
import { createPasswordHasher } from '../platform/access/passwords.ts';

/** Cheap hashes (the same cost as `FAST_PASSWORDS`, so a log-in does not rehash them). */
const hasher = createPasswordHasher({ memoryKib: 1024 });

/** Config overrides that keep argon2 cheap for the hashes the server itself makes in tests. */
export const FAST_PASSWORDS = { ARGON2_MEMORY_KIB: '1024' } as const;

export interface TestAccount {
  id: string;
  username: string;
  password: string;
}

/** Creates an account with a unique username, active unless told otherwise. */
export async function createAccount(
  db: Executor,
  a: {
    role: Role;
    status?: AccountStatus;
    teamId?: string | null;
    departmentId?: string | null;
    displayName?: string;
    phone?: string;
    password?: string;
    username?: string;
  },
): Promise<TestAccount> {
  const username = a.username ?? `t-${a.role.replace('_', '-')}-${randomBytes(4).toString('hex')}`;
  const password = a.password ?? `pw-${randomBytes(9).toString('base64url')}`;
  const row = await insertAccount(db, {
    username,
    displayName: a.displayName ?? '测试用户',
    phone: a.phone,
    role: a.role,
    status: a.status ?? 'active',
    passwordHash: await hasher.hash(password),
    teamId: a.teamId ?? null,
    departmentId: a.departmentId ?? null,
    at: new Date(),
  });
  if (!row) throw new Error(`username ${username} is taken`);
  return { id: row.id, username, password };
}

export interface LoggedIn {
  /** `muster_session=<token>`, to send as the Cookie header. */
  cookie: string;
  /** The cookie session's CSRF token, to send as `X-CSRF-Token`. */
  csrfToken: string;
  /** A second, API session's token, to send as `Authorization: Bearer <token>`. */
  bearer: string;
}

async function loginOnce(baseUrl: string, username: string, password: string, client: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, client }),
  });
  if (res.status !== 200)
    throw new Error(`login ${username} answered ${res.status}: ${await res.text()}`);
  return { res, session: ZSession.parse(await res.json()) };
}

/** Signs in twice: once as a browser (cookie + CSRF token) and once as an API client (bearer). */
export async function login(
  baseUrl: string,
  username: string,
  password: string,
): Promise<LoggedIn> {
  const browser = await loginOnce(baseUrl, username, password, 'browser');
  const setCookie = browser.res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!setCookie) throw new Error('login set no session cookie');
  const api = await loginOnce(baseUrl, username, password, 'api');
  if (!api.session.token) throw new Error('api login returned no token');
  return {
    cookie: setCookie.split(';')[0] ?? '',
    csrfToken: browser.session.csrfToken,
    bearer: api.session.token,
  };
}

/** Headers for a state-changing request with the cookie session. */
export function cookieHeaders(s: LoggedIn): Record<string, string> {
  return { cookie: s.cookie, [CSRF_HEADER]: s.csrfToken, 'content-type': 'application/json' };
}

/** Headers for a request with the bearer session. */
export function bearerHeaders(s: LoggedIn): Record<string, string> {
  return { authorization: `Bearer ${s.bearer}`, 'content-type': 'application/json' };
}
