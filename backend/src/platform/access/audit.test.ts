import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.ts';
import { createDatabase, type Database } from '../db/client.ts';
import { newId } from '../ids.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { entryHash } from './audit-chain.ts';
import { AuditContentError } from './audit-content.ts';
import { verifyAuditChain, type AuditVerification } from './audit-verify.ts';
import { createAuditWriter, type AuditInput, type AuditWriter } from './audit.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** `ok`, or `<first bad seq>: <reason>`, to assert on in one line. */
const verdict = (r: AuditVerification) => (r.ok ? 'ok' : `${r.firstBadSeq}: ${r.reason}`);

describe('audit chain', () => {
  let env: TestEnv;
  let database: Database;
  let audit: AuditWriter;

  beforeAll(async () => {
    env = await createTestEnv();
    database = createDatabase(env.databaseUrl, { max: 5 });
    audit = createAuditWriter(database.db, systemClock);
  });

  afterAll(async () => {
    await database?.close();
    await env?.cleanup();
  });

  const count = async () =>
    Number((await database.sql`select count(*)::int as n from audit_log`)[0]?.n);
  const entry = (n: number, extra: Partial<AuditInput> = {}): AuditInput => ({
    actor: newId(),
    action: 'member.viewed',
    subjectType: 'member',
    subjectId: newId(),
    field: 'member.idNumber',
    purpose: newId(),
    detail: { n, whole: true },
    ...extra,
  });

  /** Tampers as a superuser would: with the append-only triggers off, restoring them after. */
  async function asSuperuser(change: (sql: TransactionSql) => Promise<unknown>): Promise<void> {
    await database.sql.begin(async (sql) => {
      await sql`alter table audit_log disable trigger user`;
      await change(sql);
      await sql`alter table audit_log enable trigger user`;
    });
  }

  /** Runs a tampering, returns what verification says, then puts the chain back as it was. */
  async function tamper(change: (sql: TransactionSql) => Promise<unknown>) {
    await database.sql`create table audit_backup as select * from audit_log`;
    try {
      await asSuperuser(change);
      return await verifyAuditChain(database.db, { pageSize: 7 });
    } finally {
      await asSuperuser(async (sql) => {
        await sql`delete from audit_log`;
        await sql`insert into audit_log select * from audit_backup`;
      });
      await database.sql`drop table audit_backup`;
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    }
  }

  function runCli(): Promise<{ code: number | null; stdout: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'backend/src/cli/audit-verify.ts'],
        { cwd: root, env: { ...process.env, DATABASE_URL: env.databaseUrl } },
      );
      let stdout = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout }));
    });
  }

  it('verifies an empty chain, then starts from the genesis hash', async () => {
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: 0 });
    await audit.append(entry(0));
    const [first] = await database.sql`select seq, prev_hash from audit_log`;
    expect(first).toEqual({ seq: '1', prev_hash: '0'.repeat(64) });
  });

  it('refuses personal values in an entry, without quoting them, and writes nothing', async () => {
    const before = await count();
    const bad: [string, AuditInput['detail']][] = [
      ['a phone', { contact: '13812345678' }],
      ['a spaced phone', { contact: '+86 138 1234 5678' }],
      ['a phone as a number', { contact: 13812345678 }],
      ['an ID number', { idNumber: '11010519491231002X' }],
      ['a long text', { note: 'x'.repeat(201) }],
    ];
    for (const [, detail] of bad) {
      const err = await audit.append(entry(1, { detail })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuditContentError);
      const value = String(Object.values(detail ?? {})[0]);
      expect((err as Error).message).not.toContain(value.slice(0, 20));
    }
    expect(await count()).toBe(before);
  });

  it('accepts ids, digests, counts and times in detail', async () => {
    const digest = '3b6a1c2f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d12345678901234ab';
    await audit.append(
      entry(2, {
        detail: {
          incident: newId(),
          session: `sha256:${digest}`,
          rows: 12,
          atMs: 1_767_225_600_000,
          exercise: false,
          note: null,
        },
      }),
    );
  });

  it('keeps one unforked chain under 50 concurrent writers on separate connections', async () => {
    const before = await count();
    const pool = createDatabase(env.databaseUrl, { max: 50 });
    const writer = createAuditWriter(pool.db, systemClock);
    try {
      await Promise.all(
        Array.from({ length: 50 }, (_, w) => {
          const batch = Array.from({ length: 4 }, (_, i) => entry(i, { detail: { w, i } }));
          // Half write inside their own transaction with a change, half standalone.
          return w % 2 === 0
            ? pool.db.transaction(async (tx) => {
                await tx.execute(sql`select 1`);
                await writer.append(batch, tx);
              })
            : writer.append(batch);
        }),
      );
    } finally {
      await pool.close();
    }
    expect(await count()).toBe(before + 200);
    const result = await verifyAuditChain(database.db, { pageSize: 64 });
    expect(result).toMatchObject({ ok: true, entries: before + 200 });
    // The entries of one call share one lock: each writer's batch is contiguous and in order.
    const rows = await database.sql<{ seq: string; w: number; i: number }[]>`
      select seq, (detail->>'w')::int as w, (detail->>'i')::int as i
      from audit_log where detail ? 'w' order by seq`;
    const byWriter = new Map<number, number[]>();
    for (const r of rows) byWriter.set(r.w, [...(byWriter.get(r.w) ?? []), Number(r.seq)]);
    expect(byWriter.size).toBe(50);
    for (const seqs of byWriter.values()) {
      expect(seqs).toHaveLength(4);
      expect(seqs.at(-1)! - seqs[0]!).toBe(3);
    }
  });

  it('leaves neither an entry nor a gap when the caller rolls back', async () => {
    const before = await count();
    await database.db
      .transaction(async (tx) => {
        await audit.append(entry(3), tx);
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await count()).toBe(before);
    await audit.append(entry(4));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: before + 1 });
  });

  it('opens its own transaction when handed the pool instead of one', async () => {
    const before = await count();
    await Promise.all(Array.from({ length: 10 }, (_, i) => audit.append(entry(i), database.db)));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: before + 10 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through SQL', async () => {
    await expect(database.sql`update audit_log set actor = 'x' where seq = 1`).rejects.toThrow(
      /append-only \(UPDATE refused\)/,
    );
    await expect(database.sql`delete from audit_log where seq = 1`).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    await expect(database.sql`truncate audit_log`).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  describe('detects tampering at the first bad entry', () => {
    it('an edited field', async () => {
      const r = await tamper((sql) => sql`update audit_log set actor = ${newId()} where seq = 12`);
      expect(verdict(r)).toMatch(/^12: .*edited/);
    });

    it('an edited detail value', async () => {
      const r = await tamper(
        (sql) => sql`update audit_log set detail = '{"n": 99, "whole": true}' where seq = 8`,
      );
      expect(verdict(r)).toMatch(/^8: /);
    });

    it('an edit whose hash was recomputed: the next entry no longer links', async () => {
      const r = await tamper(async (sql) => {
        const [row] = await sql`select * from audit_log where seq = 12`;
        const content = {
          seq: 12,
          // This client hands timestamps over as text (drizzle's setting).
          at: new Date(row!.at as string),
          actor: newId(),
          action: row!.action as string,
          subjectType: row!.subject_type as string | null,
          subjectId: row!.subject_id as string | null,
          field: row!.field as string | null,
          purpose: row!.purpose as string | null,
          legalBasis: row!.legal_basis as string | null,
          outcome: row!.outcome as string,
          detail: row!.detail as Record<string, number>,
        };
        const hash = entryHash(row!.prev_hash as string, content);
        await sql`update audit_log set actor = ${content.actor}, hash = ${hash} where seq = 12`;
      });
      expect(verdict(r)).toMatch(/^13: .*link/);
    });

    it('a deleted entry', async () => {
      const r = await tamper((sql) => sql`delete from audit_log where seq = 9`);
      expect(verdict(r)).toMatch(/^9: .*missing/);
    });

    it('a deleted first entry, and a deleted entry on a page boundary', async () => {
      expect(await tamper((sql) => sql`delete from audit_log where seq = 1`)).toMatchObject({
        ok: false,
        firstBadSeq: 1,
      });
      expect(await tamper((sql) => sql`delete from audit_log where seq = 8`)).toMatchObject({
        ok: false,
        firstBadSeq: 8,
      });
    });

    it('a deleted entry with the later ones renumbered to close the gap', async () => {
      const r = await tamper(async (sql) => {
        await sql`delete from audit_log where seq = 10`;
        await sql`update audit_log set seq = -seq where seq > 10`;
        await sql`update audit_log set seq = -seq - 1 where seq < 0`;
      });
      expect(verdict(r)).toMatch(/^10: /);
    });

    it('a forged entry inserted in the middle', async () => {
      const r = await tamper(async (sql) => {
        // Make room at seq 10, then insert an entry correctly hashed onto entry 9: the forgery
        // itself is indistinguishable, but the entry it displaced no longer links.
        await sql`update audit_log set seq = -seq where seq >= 10`;
        await sql`update audit_log set seq = -seq + 1 where seq < 0`;
        const [prev] = await sql`select hash from audit_log where seq = 9`;
        const forged = {
          seq: 10,
          at: new Date(),
          actor: newId(),
          action: 'member.viewed',
          subjectType: null,
          subjectId: null,
          field: null,
          purpose: null,
          legalBasis: null,
          outcome: 'ok',
          detail: {},
        };
        const hash = entryHash(prev!.hash as string, forged);
        await sql`insert into audit_log (seq, at, actor, action, outcome, detail, prev_hash, hash)
          values (10, ${forged.at.toISOString()}, ${forged.actor}, ${forged.action}, 'ok', '{}',
                  ${prev!.hash as string}, ${hash})`;
      });
      expect(verdict(r)).toMatch(/^11: .*link/);
    });

    it('a clumsy forgery that does not hash onto its predecessor', async () => {
      const r = await tamper(async (sql) => {
        await sql`update audit_log set seq = -seq where seq >= 10`;
        await sql`update audit_log set seq = -seq + 1 where seq < 0`;
        await sql`insert into audit_log (seq, at, actor, action, outcome, detail, prev_hash, hash)
          values (10, now(), 'forger', 'member.viewed', 'ok', '{}', ${'f'.repeat(64)}, ${'e'.repeat(64)})`;
      });
      expect(verdict(r)).toMatch(/^10: /);
    });

    it('two entries swapped', async () => {
      const r = await tamper(async (sql) => {
        await sql`update audit_log set seq = -1 where seq = 5`;
        await sql`update audit_log set seq = 5 where seq = 6`;
        await sql`update audit_log set seq = 6 where seq = -1`;
      });
      expect(verdict(r)).toMatch(/^5: /);
    });

    it('an entry numbered before the first', async () => {
      const r = await tamper(
        (
          sql,
        ) => sql`insert into audit_log (seq, at, actor, action, outcome, detail, prev_hash, hash)
          values (0, now(), 'forger', 'x', 'ok', '{}', ${'0'.repeat(64)}, ${'0'.repeat(64)})`,
      );
      expect(verdict(r)).toMatch(/^0: /);
    });
  });

  it('npm run audit:verify prints the verdict and exits 0 or 1', async () => {
    const n = await count();
    const ok = await runCli();
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe(`audit chain ok: ${n} entries`);

    await database.sql`create table audit_backup as select * from audit_log`;
    try {
      await asSuperuser((sql) => sql`update audit_log set action = 'nothing.seen' where seq = 7`);
      const broken = await runCli();
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/^audit chain BROKEN at seq 7: .*edited\n$/);
    } finally {
      await asSuperuser(async (sql) => {
        await sql`delete from audit_log`;
        await sql`insert into audit_log select * from audit_backup`;
      });
      await database.sql`drop table audit_backup`;
    }
    expect((await runCli()).code).toBe(0);
  });
});
