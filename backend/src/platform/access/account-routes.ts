import type { Router } from 'express';
import { and, eq } from 'drizzle-orm';
import {
  AppError,
  ZUuid,
  accessRoutes,
  describeIssues,
  type Role,
  type RouteContract,
} from '@muster/contracts';
import { mount } from '../http/routes.ts';
import { findAccount, findAccountByUsername, insertAccount, listAccounts } from './accounts.ts';
import { requireRole, requireViewer, viewerOf } from './auth-middleware.ts';
import { accountFor, type AccessContext } from './context.ts';
import { notifyAccessChanged } from './access-changes.ts';
import { accounts } from './tables.ts';
import { actorOf } from './viewer.ts';

/** Checks the role before the route parses its input, so strangers learn nothing from a 400. */
function guard(r: Router, route: RouteContract, ...roles: Role[]): void {
  r[route.method](route.path, requireRole(...roles));
}

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (ZUuid.safeParse(id).success) return id;
  const issues = [{ path: 'query.cursor', message: 'not a cursor this API returned' }];
  throw new AppError('request.invalid', describeIssues(issues), issues);
}

/** Sign-up, the account list, office accounts, approval and disabling. */
export function mountAccountRoutes(r: Router, c: AccessContext): void {
  const opts = { checkResponses: c.checkResponses };

  mount(
    r,
    accessRoutes.signup,
    async ({ body, req }) => {
      // Checked first so a taken name costs no argon2 work; the unique index still decides.
      if (await findAccountByUsername(c.db, body.username))
        throw new AppError('account.username_taken');
      const passwordHash = await c.passwords.hash(body.password);
      const row = await c.db.transaction(async (tx) => {
        const created = await insertAccount(tx, {
          ...body,
          role: 'team_leader',
          status: 'pending',
          passwordHash,
          at: c.clock.now(),
        });
        if (!created) throw new AppError('account.username_taken');
        await c.audit.append(
          {
            actor: actorOf(viewerOf(req)),
            action: 'account.signed_up',
            subjectType: 'account',
            subjectId: created.id,
            detail: { role: created.role },
          },
          tx,
        );
        return created;
      });
      return accountFor(c, viewerOf(req), row);
    },
    opts,
  );

  // Duty officers list too: they find the pending sign-ups they approve here.
  guard(r, accessRoutes.listAccounts, 'admin', 'duty_officer');
  mount(
    r,
    accessRoutes.listAccounts,
    async ({ query, req }) => {
      const viewer = requireViewer(req, 'admin', 'duty_officer');
      const page = await listAccounts(c.db, {
        limit: query.limit,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        status: query.status,
        role: query.role,
      });
      const items = [];
      for (const row of page.rows) items.push(await accountFor(c, viewer, row));
      const last = page.rows.at(-1);
      return { items, nextCursor: page.more && last ? encodeCursor(last.id) : null };
    },
    opts,
  );

  guard(r, accessRoutes.createAccount, 'admin');
  mount(
    r,
    accessRoutes.createAccount,
    async ({ body, req }) => {
      const viewer = requireViewer(req, 'admin');
      if (await findAccountByUsername(c.db, body.username))
        throw new AppError('account.username_taken');
      const passwordHash = await c.passwords.hash(body.password);
      const row = await c.db.transaction(async (tx) => {
        const created = await insertAccount(tx, {
          ...body,
          status: 'active',
          passwordHash,
          at: c.clock.now(),
        });
        if (!created) throw new AppError('account.username_taken');
        await c.audit.append(
          {
            actor: viewer.accountId,
            action: 'account.created',
            subjectType: 'account',
            subjectId: created.id,
            detail: { role: created.role },
          },
          tx,
        );
        return created;
      });
      return accountFor(c, viewer, row);
    },
    opts,
  );

  guard(r, accessRoutes.approveAccount, 'duty_officer', 'admin');
  mount(
    r,
    accessRoutes.approveAccount,
    async ({ params, req }) => {
      const viewer = requireViewer(req, 'duty_officer', 'admin');
      const now = c.clock.now();
      const row = await c.db.transaction(async (tx) => {
        const [approved] = await tx
          .update(accounts)
          .set({ status: 'active', approvedBy: viewer.accountId, approvedAt: now })
          .where(and(eq(accounts.id, params.id), eq(accounts.status, 'pending')))
          .returning();
        if (!approved) {
          const existing = await findAccount(tx, params.id);
          if (!existing) throw new AppError('resource.not_found', `account ${params.id}`);
          throw new AppError('account.not_pending', existing.status);
        }
        await notifyAccessChanged(tx, { accounts: [approved.id] });
        await c.audit.append(
          {
            actor: viewer.accountId,
            action: 'account.approved',
            subjectType: 'account',
            subjectId: approved.id,
            detail: { role: approved.role },
          },
          tx,
        );
        return approved;
      });
      return accountFor(c, viewer, row);
    },
    opts,
  );

  guard(r, accessRoutes.disableAccount, 'admin');
  mount(
    r,
    accessRoutes.disableAccount,
    async ({ params, req }) => {
      const viewer = requireViewer(req, 'admin');
      // Guards against locking the office out by accident; another admin can do it.
      if (params.id === viewer.accountId) throw new AppError('account.self_disable');
      const { row, revoked } = await c.db.transaction(async (tx) => {
        const [disabled] = await tx
          .update(accounts)
          .set({ status: 'disabled' })
          .where(eq(accounts.id, params.id))
          .returning();
        if (!disabled) throw new AppError('resource.not_found', `account ${params.id}`);
        await notifyAccessChanged(tx, { accounts: [disabled.id] });
        const ids = await c.sessions.revokeAll(tx, disabled.id, 'account_disabled');
        await c.audit.append(
          {
            actor: viewer.accountId,
            action: 'account.disabled',
            subjectType: 'account',
            subjectId: disabled.id,
            detail: { revokedSessions: ids.length },
          },
          tx,
        );
        return { row: disabled, revoked: ids };
      });
      c.sessions.announce(revoked);
      return accountFor(c, viewer, row);
    },
    opts,
  );
}
