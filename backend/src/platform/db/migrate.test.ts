import { afterAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import { runMigrations } from './migrate.ts';

describe('migrations', () => {
  const admin = postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
  const name = `muster_mig_${process.pid}_${Date.now()}`;
  const url = (() => {
    const u = new URL(inject('adminDatabaseUrl'));
    u.pathname = `/${name}`;
    return u.toString();
  })();

  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('lets several instances starting together migrate an empty database without a race', async () => {
    await admin.unsafe(`create database ${name}`);
    await Promise.all([
      runMigrations(url),
      runMigrations(url),
      runMigrations(url),
      runMigrations(url),
    ]);
    const db = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const applied = await db`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const journal = (
        await import('../../../drizzle/meta/_journal.json', { with: { type: 'json' } })
      ).default as { entries: unknown[] };
      expect(applied[0]?.n).toBe(journal.entries.length);
      const tables =
        await db`select count(*)::int as n from information_schema.tables where table_name = 'outbox'`;
      expect(tables[0]?.n).toBe(1);
      // A later start finds nothing to do.
      await runMigrations(url);
      expect((await db`select count(*)::int as n from drizzle.__drizzle_migrations`)[0]?.n).toBe(
        journal.entries.length,
      );
    } finally {
      await db.end();
    }
  });
});
