import { desc, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { GENESIS_HASH, entryHash, type AuditContent } from './audit-chain.ts';
import { checkAuditInput } from './audit-content.ts';
import type { AuditInput, AuditWriter } from './audit-writer.ts';
import { auditLog } from './tables.ts';

export type { AuditInput, AuditWriter } from './audit-writer.ts';

/**
 * The advisory-lock key that serialises every writer of the chain, in every process. Fixed and
 * documented here so no other advisory-lock user picks it ('AUDT' in ASCII).
 */
export const AUDIT_LOCK_KEY = 0x41554454;

interface Row extends AuditContent {
  prevHash: string;
  hash: string;
}

async function appendLocked(tx: Executor, clock: Clock, inputs: AuditInput[]): Promise<void> {
  // Held until the transaction ends, so the next writer reads this one's committed head: one
  // chain, never a fork. With a caller's transaction the lock lasts until it commits; keep
  // audited transactions short and append last. The head is read by a statement after the lock
  // (a fresh snapshot under READ COMMITTED); under REPEATABLE READ a stale head would reuse a seq
  // and fail on the primary key rather than fork the chain.
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(AUDIT_LOCK_KEY))})`);
  const [head] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  // Taken under the lock, so `at` never runs backwards along the chain within one clock.
  const at = clock.now();
  const rows = inputs.map((e): Row => {
    seq += 1;
    const content: AuditContent = {
      seq,
      at,
      actor: e.actor,
      action: e.action,
      subjectType: e.subjectType ?? null,
      subjectId: e.subjectId ?? null,
      field: e.field ?? null,
      purpose: e.purpose ?? null,
      legalBasis: e.legalBasis ?? null,
      outcome: e.outcome ?? 'ok',
      detail: e.detail ?? {},
    };
    const hash = entryHash(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  const col = <K extends keyof Row>(k: K) => sql.param(rows.map((r) => r[k]));
  // Constant statement text whatever the count: prepared and planned once per connection.
  await tx.execute(sql`
    insert into audit_log (seq, at, actor, action, subject_type, subject_id, field, purpose,
                           legal_basis, outcome, detail, prev_hash, hash)
    select unnest(${col('seq')}::bigint[]),
           unnest(${sql.param(rows.map((r) => r.at.toISOString()))}::text[])::timestamptz,
           unnest(${col('actor')}::text[]),
           unnest(${col('action')}::text[]),
           unnest(${col('subjectType')}::text[]),
           unnest(${col('subjectId')}::text[]),
           unnest(${col('field')}::text[]),
           unnest(${col('purpose')}::text[]),
           unnest(${col('legalBasis')}::text[]),
           unnest(${col('outcome')}::text[]),
           unnest(${sql.param(rows.map((r) => JSON.stringify(r.detail)))}::text[])::jsonb,
           unnest(${col('prevHash')}::text[]),
           unnest(${col('hash')}::text[])`);
}

/**
 * The one serialised writer of the audit chain. Entries are checked before the lock is taken
 * (ids only, bounded); the entries of one call share one lock, one head read and one insert.
 */
export function createAuditWriter(db: Db, clock: Clock): AuditWriter {
  return {
    async append(entries, tx) {
      const inputs = Array.isArray(entries) ? entries : [entries];
      if (inputs.length === 0) return;
      for (const e of inputs) checkAuditInput(e);
      // A transaction-scoped lock means nothing outside a transaction: handed the pool itself,
      // the writer opens one rather than lock, read and insert on three different connections.
      if (tx instanceof PgTransaction) await appendLocked(tx, clock, inputs);
      else await db.transaction((t) => appendLocked(t, clock, inputs));
    },
  };
}
