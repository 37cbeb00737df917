import { z } from 'zod';
import { ZUuid } from '../ids.ts';
import {
  ZAccount,
  ZAccountList,
  ZAccountStatus,
  ZChangePasswordRequest,
  ZCreateAccountRequest,
  ZLoginRequest,
  ZPage,
  ZRole,
  ZSession,
  ZSignupRequest,
} from '../access.ts';
import { defineRoute } from './routes.ts';

/**
 * The header that carries the session's CSRF token on state-changing requests made with the
 * session cookie. Bearer-token clients need not send it.
 */
export const CSRF_HEADER = 'X-CSRF-Token';

/** An answer with nothing more to say than that it worked. */
export const ZOk = z.object({ ok: z.literal(true) });

export const ZAccountListQuery = ZPage.extend({
  /** `pending` lists the sign-ups waiting for a duty officer. */
  status: ZAccountStatus.optional(),
  role: ZRole.optional(),
});

const ZAccountIdParams = z.object({ id: ZUuid });

/** Sign-in, sessions and accounts. */
export const accessRoutes = {
  login: defineRoute({
    operationId: 'login',
    method: 'post',
    path: '/api/auth/login',
    summary:
      '登录 Sign in: `browser` sets an HttpOnly session cookie, `api` returns a bearer token (429 with Retry-After after repeated failures)',
    tags: ['auth'],
    body: ZLoginRequest,
    status: 200,
    response: ZSession,
  }),
  logout: defineRoute({
    operationId: 'logout',
    method: 'post',
    path: '/api/auth/logout',
    summary: '退出 Sign out: revokes this session',
    tags: ['auth'],
    status: 200,
    response: ZOk,
  }),
  session: defineRoute({
    operationId: 'getSession',
    method: 'get',
    path: '/api/auth/session',
    summary: 'The current session (401 when signed out or expired); never the token',
    tags: ['auth'],
    status: 200,
    response: ZSession,
  }),
  changePassword: defineRoute({
    operationId: 'changePassword',
    method: 'post',
    path: '/api/auth/password',
    summary: '修改密码 Change the password; every session of the account, this one too, is revoked',
    tags: ['auth'],
    body: ZChangePasswordRequest,
    status: 200,
    response: ZOk,
  }),
  signup: defineRoute({
    operationId: 'signup',
    method: 'post',
    path: '/api/auth/signup',
    summary: '队长注册 A team leader signs up; the account waits for a duty officer to approve it',
    tags: ['auth'],
    body: ZSignupRequest,
    status: 201,
    response: ZAccount,
  }),
  listAccounts: defineRoute({
    operationId: 'listAccounts',
    method: 'get',
    path: '/api/accounts',
    summary: 'Accounts, oldest first, optionally only pending ones (admin, duty officer)',
    tags: ['accounts'],
    query: ZAccountListQuery,
    status: 200,
    response: ZAccountList,
  }),
  createAccount: defineRoute({
    operationId: 'createAccount',
    method: 'post',
    path: '/api/admin/accounts',
    summary:
      'The admin creates an office account (admin, duty officer, commander, department, observer)',
    tags: ['accounts'],
    body: ZCreateAccountRequest,
    status: 201,
    response: ZAccount,
  }),
  approveAccount: defineRoute({
    operationId: 'approveAccount',
    method: 'post',
    path: '/api/accounts/:id/approve',
    summary: 'A duty officer (or the admin) approves a pending team leader',
    tags: ['accounts'],
    params: ZAccountIdParams,
    status: 200,
    response: ZAccount,
  }),
  disableAccount: defineRoute({
    operationId: 'disableAccount',
    method: 'post',
    path: '/api/admin/accounts/:id/disable',
    summary: 'The admin disables an account; its sessions end at once',
    tags: ['accounts'],
    params: ZAccountIdParams,
    status: 200,
    response: ZAccount,
  }),
} as const;
