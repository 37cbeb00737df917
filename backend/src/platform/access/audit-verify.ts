import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { GENESIS_HASH, entryHash, type AuditDetail } from './audit-chain.ts';
import { auditLog } from './tables.ts';

export type AuditVerification =
  | {
      ok: true;
      entries: number;
      /** Hash of the last entry; record it to detect a cut tail. */ head: string;
    }
  | { ok: false; firstBadSeq: number; reason: string };

/**
 * Walks the chain in `seq` order, a page at a time, and names the first entry that is not what
 * the chain says it should be: an edited entry (its hash no longer matches its content), a deleted
 * one (a gap in `seq`), an inserted or moved one (its `prev_hash` no longer links to the entry
 * before it). A chain cut at its end, or rewritten wholesale from some entry on, still verifies:
 * compare `head` with a copy kept elsewhere to catch that.
 */
export async function verifyAuditChain(
  db: Executor,
  opts: { pageSize?: number } = {},
): Promise<AuditVerification> {
  const pageSize = opts.pageSize ?? 1000;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  // Start below any seq at all, so a forged entry numbered 0 or less is seen, not skipped.
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of page) {
      if (row.seq > expected)
        return {
          ok: false,
          firstBadSeq: expected,
          reason: `entry ${expected} is missing (the next entry is ${row.seq}): deleted`,
        };
      if (row.seq < expected)
        return { ok: false, firstBadSeq: row.seq, reason: `entry ${row.seq} is out of sequence` };
      if (row.prevHash !== prevHash)
        return {
          ok: false,
          firstBadSeq: row.seq,
          reason:
            row.seq === 1
              ? 'the first entry does not start from the genesis hash'
              : `its prev_hash does not link to entry ${row.seq - 1}: an entry was removed, inserted or moved here`,
        };
      const hash = entryHash(row.prevHash, {
        ...row,
        outcome: row.outcome,
        detail: row.detail as AuditDetail,
      });
      if (row.hash !== hash)
        return {
          ok: false,
          firstBadSeq: row.seq,
          reason: 'its content does not match its hash: the entry was edited',
        };
      prevHash = row.hash;
      expected += 1;
      after = row.seq;
    }
    if (page.length < pageSize) return { ok: true, entries: expected - 1, head: prevHash };
  }
}
