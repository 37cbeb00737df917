import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { AppError, accessRoutes, describeIssues, type ZSession } from '@muster/contracts';
import { mount } from '../http/routes.ts';
import {
  findAccount,
  findAccountByUsername,
  normaliseUsername,
  setPasswordHash,
  viewerAccountOf,
  type AccountRow,
} from './accounts.ts';
import { authOf } from './auth-middleware.ts';
import { accountFor, type AccessContext } from './context.ts';
import { clearSessionCookie, setSessionCookie } from './cookie.ts';
import { loadViewer } from './grants.ts';
import type { SessionInfo } from './sessions.ts';
import { accountKey, addressKey } from './throttle.ts';
import type { AnyViewer } from './viewer.ts';

async function sessionBody(
  c: AccessContext,
  viewer: AnyViewer,
  account: AccountRow,
  session: SessionInfo,
  token?: string,
): Promise<z.input<typeof ZSession>> {
  return {
    account: await accountFor(c, viewer, account),
    csrfToken: session.csrfToken,
    ...(token ? { token } : {}),
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}

/** 429 without looking at the password, when any of the keys is still blocked. */
async function refuseIfThrottled(
  c: AccessContext,
  keys: string[],
  res: Response,
  entry: { action: string; actor: string },
) {
  const wait = await c.throttle.retryAfter(keys);
  if (wait === 0) return;
  await c.audit.append({
    ...entry,
    outcome: 'denied',
    detail: { reason: 'throttled' },
  });
  res.setHeader('Retry-After', String(wait));
  throw new AppError('auth.throttled', String(wait));
}

function requireAuth(req: Request) {
  const auth = authOf(req);
  if (!auth) throw new AppError('auth.required');
  return auth;
}

/** Log-in, log-out, the current session and password change. */
export function mountAuthRoutes(r: Router, c: AccessContext): void {
  const opts = { checkResponses: c.checkResponses };

  mount(
    r,
    accessRoutes.login,
    async ({ body, req, res }) => {
      res.setHeader('Cache-Control', 'no-store');
      const username = normaliseUsername(body.username);
      const keys = [accountKey(username), addressKey(req.ip ?? 'unknown')];
      await refuseIfThrottled(c, keys, res, { action: 'auth.login_failed', actor: 'public' });
      const row = await findAccountByUsername(c.db, username);
      // Verified even for an unknown username (against a dummy hash): equal time either way.
      const ok = await c.passwords.verify(row?.passwordHash, body.password);
      if (!row || !ok) {
        const blocked = await c.throttle.recordFailure(keys);
        await c.audit.append({
          actor: 'public',
          action: 'auth.login_failed',
          outcome: 'failed',
          ...(row ? { subjectType: 'account', subjectId: row.id } : {}),
          detail: { reason: row ? 'wrong_password' : 'unknown_account', blockedSeconds: blocked },
        });
        throw new AppError('auth.invalid_credentials');
      }
      // Only someone who knows the password learns that the account waits or is disabled.
      if (row.status !== 'active') {
        await c.audit.append({
          actor: 'public',
          action: 'auth.login_failed',
          outcome: 'denied',
          subjectType: 'account',
          subjectId: row.id,
          detail: { reason: row.status },
        });
        throw new AppError(
          row.status === 'pending' ? 'auth.account_pending' : 'auth.account_disabled',
        );
      }
      await c.throttle.clear(accountKey(username));
      if (c.passwords.needsRehash(row.passwordHash)) {
        // Upgrades hashes made with older parameters; a failure here must not refuse the log-in.
        try {
          await setPasswordHash(c.db, row.id, await c.passwords.hash(body.password));
        } catch (err) {
          c.logger.warn({ err, accountId: row.id }, 'password rehash failed');
        }
      }
      const { token, session } = await c.db.transaction(async (tx) => {
        const opened = await c.sessions.create(tx, row.id, body.client);
        await c.audit.append(
          {
            actor: row.id,
            action: 'auth.login',
            subjectType: 'session',
            subjectId: opened.session.id,
            detail: { client: body.client },
          },
          tx,
        );
        return opened;
      });
      if (body.client === 'browser') {
        setSessionCookie(res, token, {
          secure: c.config.COOKIE_SECURE,
          expiresAt: session.expiresAt,
          now: c.clock.now(),
        });
      }
      const viewer = await loadViewer(c.db, viewerAccountOf(row), session.id);
      return sessionBody(c, viewer, row, session, body.client === 'api' ? token : undefined);
    },
    opts,
  );

  mount(
    r,
    accessRoutes.logout,
    async ({ req, res }) => {
      const auth = authOf(req);
      if (auth) {
        const ids = await c.db.transaction(async (tx) => {
          const revoked = await c.sessions.revoke(tx, auth.session.id, 'logout');
          await c.audit.append(
            {
              actor: auth.viewer.accountId,
              action: 'auth.logout',
              subjectType: 'session',
              subjectId: auth.session.id,
            },
            tx,
          );
          return revoked;
        });
        c.sessions.announce(ids);
      }
      clearSessionCookie(res, c.config.COOKIE_SECURE);
      return { ok: true as const };
    },
    opts,
  );

  mount(
    r,
    accessRoutes.session,
    async ({ req, res }) => {
      const auth = requireAuth(req);
      res.setHeader('Cache-Control', 'no-store');
      return sessionBody(c, auth.viewer, auth.account, auth.session);
    },
    opts,
  );

  mount(
    r,
    accessRoutes.changePassword,
    async ({ body, req, res }) => {
      const auth = requireAuth(req);
      if (body.newPassword === body.currentPassword) {
        const issues = [
          { path: 'body.newPassword', message: 'must differ from the current password' },
        ];
        throw new AppError('request.invalid', describeIssues(issues), issues);
      }
      // Someone holding a stolen session must not be able to guess the password at leisure.
      const key = accountKey(auth.account.username);
      await refuseIfThrottled(c, [key], res, {
        action: 'auth.password_change_failed',
        actor: auth.viewer.accountId,
      });
      const row = await findAccount(c.db, auth.account.id);
      if (!row || !(await c.passwords.verify(row.passwordHash, body.currentPassword))) {
        const blocked = await c.throttle.recordFailure([key]);
        await c.audit.append({
          actor: auth.viewer.accountId,
          action: 'auth.password_change_failed',
          outcome: 'failed',
          subjectType: 'account',
          subjectId: auth.account.id,
          detail: { reason: 'wrong_password', blockedSeconds: blocked },
        });
        throw new AppError('auth.wrong_password');
      }
      const hash = await c.passwords.hash(body.newPassword);
      const ids = await c.db.transaction(async (tx) => {
        await setPasswordHash(tx, row.id, hash, c.clock.now());
        const revoked = await c.sessions.revokeAll(tx, row.id, 'password_changed');
        await c.audit.append(
          {
            actor: row.id,
            action: 'auth.password_changed',
            subjectType: 'account',
            subjectId: row.id,
            detail: { revokedSessions: revoked.length },
          },
          tx,
        );
        return revoked;
      });
      c.sessions.announce(ids);
      await c.throttle.clear(key);
      clearSessionCookie(res, c.config.COOKIE_SECURE);
      return { ok: true as const };
    },
    opts,
  );
}
