import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { insertAccount } from './accounts.ts';
import type { AuditWriter } from './audit-writer.ts';
import type { PasswordHasher } from './passwords.ts';
import { accounts } from './tables.ts';

/** Serialises concurrent bootstraps, so two deploy steps cannot both create "the first" admin ('ADMN'). */
const BOOTSTRAP_LOCK_KEY = 0x41444d4e;

export type BootstrapResult =
  { outcome: 'created'; id: string } | { outcome: 'exists' } | { outcome: 'username_taken' };

/**
 * Creates the first admin when no active admin exists, so a fresh installation can be signed
 * into; does nothing otherwise. Every later account is made through the API by an admin.
 */
export async function createFirstAdmin(
  d: { db: Db; clock: Clock; audit: AuditWriter; passwords: PasswordHasher },
  a: { username: string; password: string; displayName: string },
): Promise<BootstrapResult> {
  const passwordHash = await d.passwords.hash(a.password);
  return d.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(BOOTSTRAP_LOCK_KEY))})`);
    const [admin] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.role, 'admin'), eq(accounts.status, 'active')))
      .limit(1);
    if (admin) return { outcome: 'exists' as const };
    const row = await insertAccount(tx, {
      username: a.username,
      displayName: a.displayName,
      role: 'admin',
      status: 'active',
      passwordHash,
      at: d.clock.now(),
    });
    if (!row) return { outcome: 'username_taken' as const };
    await d.audit.append(
      {
        actor: 'system',
        action: 'account.created',
        subjectType: 'account',
        subjectId: row.id,
        detail: { role: 'admin', bootstrap: true },
      },
      tx,
    );
    return { outcome: 'created' as const, id: row.id };
  });
}
