import { and, asc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import { ZAccount, type Role, type TAccount } from '@muster/contracts';
import type { Executor } from '../db/client.ts';
import { newId } from '../ids.ts';
import { notifyAccessChanged } from './access-changes.ts';
import type { AuditInput } from './audit-writer.ts';
import { project } from './policy.ts';
import { accounts } from './tables.ts';
import type { AnyViewer } from './viewer.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type AccountStatus = 'pending' | 'active' | 'disabled';

/** Usernames are compared lower-cased and trimmed, as `ZUsername` only allows lower case. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export async function findAccountByUsername(
  db: Executor,
  username: string,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(eq(accounts.username, normaliseUsername(username)))
    .limit(1);
  return row;
}

export async function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row;
}

export interface NewAccount {
  username: string;
  displayName: string;
  phone?: string | undefined;
  role: Role;
  status: AccountStatus;
  passwordHash: string;
  teamId?: string | null;
  departmentId?: string | null;
  at: Date;
}

/** Inserts an account; undefined when the username is taken (the unique index decides). */
export async function insertAccount(db: Executor, a: NewAccount): Promise<AccountRow | undefined> {
  const [row] = await db
    .insert(accounts)
    .values({
      id: newId(),
      username: normaliseUsername(a.username),
      displayName: a.displayName,
      phone: a.phone ?? null,
      role: a.role,
      status: a.status,
      teamId: a.teamId ?? null,
      departmentId: a.departmentId ?? null,
      passwordHash: a.passwordHash,
      passwordChangedAt: a.at,
      createdAt: a.at,
    })
    .onConflictDoNothing({ target: accounts.username })
    .returning();
  return row;
}

/** One page of accounts, oldest first (ids are UUIDv7, so id order is creation order). */
export async function listAccounts(
  db: Executor,
  q: {
    limit: number;
    after?: string | undefined;
    status?: string | undefined;
    role?: Role | undefined;
  },
): Promise<{ rows: AccountRow[]; more: boolean }> {
  const where: SQL[] = [];
  if (q.after) where.push(gt(accounts.id, q.after));
  if (q.status) where.push(eq(accounts.status, q.status));
  if (q.role) where.push(eq(accounts.role, q.role));
  const rows = await db
    .select()
    .from(accounts)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(accounts.id))
    .limit(q.limit + 1);
  return { rows: rows.slice(0, q.limit), more: rows.length > q.limit };
}

/** The stored row as the contract states it, before projection; never the password hash. */
export function accountOf(row: AccountRow): TAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    ...(row.phone ? { phone: row.phone } : {}),
    role: row.role as Role,
    status: row.status as AccountStatus,
    teamId: row.teamId,
    departmentId: row.departmentId,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * An account as a viewer may see it: name and phone are contact information, shown whole,
 * masked or dropped by the policy, with the account as their subject.
 */
export function projectAccount(
  viewer: AnyViewer,
  row: AccountRow,
): { value: TAccount; views: AuditInput[] } {
  return project(ZAccount, accountOf(row), {
    viewer,
    subjectOf: () => ({
      type: 'account',
      id: row.id,
      accountId: row.id,
      teamId: row.teamId,
      isLeader: row.role === 'team_leader',
    }),
  });
}

/** Replaces the password hash; `changedAt` only when the password itself changed (not a rehash). */
export async function setPasswordHash(
  db: Executor,
  id: string,
  passwordHash: string,
  changedAt?: Date,
): Promise<void> {
  await db
    .update(accounts)
    .set({ passwordHash, ...(changedAt ? { passwordChangedAt: changedAt } : {}) })
    .where(eq(accounts.id, id));
  // Kept lookups carry the account row: none may hold the old hash.
  await notifyAccessChanged(db, { accounts: [id] });
}

/** What `loadViewer` needs of an account. */
export function viewerAccountOf(row: AccountRow): {
  id: string;
  role: Role;
  teamId: string | null;
  departmentId: string | null;
} {
  return { id: row.id, role: row.role as Role, teamId: row.teamId, departmentId: row.departmentId };
}

/**
 * Links an account to the team it leads or belongs to, inside the caller's transaction (the
 * forces module calls it when a leader files). Only an account not yet linked is changed, so a
 * second filing cannot move a leader silently; returns whether the link was made.
 */
export async function setAccountTeam(
  tx: Executor,
  accountId: string,
  teamId: string,
): Promise<boolean> {
  const rows = await tx
    .update(accounts)
    .set({ teamId })
    .where(and(eq(accounts.id, accountId), isNull(accounts.teamId)))
    .returning({ id: accounts.id });
  if (rows.length === 1) await notifyAccessChanged(tx, { accounts: [accountId] });
  return rows.length === 1;
}
