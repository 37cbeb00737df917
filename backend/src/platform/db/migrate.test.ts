import { afterAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import { createLogger } from '../logger.ts';
import { startTcpProxy } from '../../testing/tcp-proxy.ts';
import { runMigrations, waitForDatabase } from './migrate.ts';

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

  it('waits for PostgreSQL when it is out of reach at start, and migrates once it answers', async () => {
    const target = new URL(inject('adminDatabaseUrl'));
    // A port that refuses connections until the "database" comes up: the proxy, cut at first.
    const proxy = await startTcpProxy({
      host: target.hostname,
      port: Number(target.port || 5432),
    });
    await proxy.cut();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const opening = setTimeout(() => void proxy.mend(), 1_500);
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      instanceId: 'wait-test',
      destination: { write: (l: string) => void lines.push(l) },
    });
    const started = Date.now();
    try {
      await waitForDatabase(() => runMigrations(proxy.via(url)), { waitS: 30, logger });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
      const db = postgres(url, { max: 1, onnotice: () => {} });
      const applied = await db`select count(*)::int as n from drizzle.__drizzle_migrations`;
      await db.end();
      expect(applied[0]?.n).toBeGreaterThan(0);
      expect(lines.filter((l) => l.includes('waiting for it'))).toHaveLength(1);
    } finally {
      clearTimeout(opening);
      await proxy.close();
    }
  });

  it('gives up at once on a failure that is not the database being out of reach, and at the deadline', async () => {
    const logger = createLogger({ level: 'silent', instanceId: 'wait-test' });
    let calls = 0;
    await expect(
      waitForDatabase(
        () => {
          calls++;
          return Promise.reject(Object.assign(new Error('relation missing'), { code: '42P01' }));
        },
        { waitS: 30, logger },
      ),
    ).rejects.toThrow('relation missing');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      waitForDatabase(
        () => {
          calls++;
          return Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
        },
        { waitS: 0.3, logger },
      ),
    ).rejects.toThrow('refused');
    expect(calls).toBeGreaterThan(1);
  });
});
