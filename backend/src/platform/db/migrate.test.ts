import { afterAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createLogger } from '../logger.ts';
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
    // A port that refuses connections until the "database" comes up: a proxy opened later.
    const parked = createServer();
    await new Promise<void>((r) => parked.listen(0, '127.0.0.1', r));
    const port = (parked.address() as { port: number }).port;
    await new Promise<void>((r) => parked.close(() => r()));
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(port);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);

    let proxy: Server | undefined;
    const sockets = new Set<Socket>();
    const opening = setTimeout(() => {
      proxy = createServer((client) => {
        const server = connect(Number(target.port || 5432), target.hostname);
        sockets.add(client).add(server);
        client.pipe(server).pipe(client);
        client.on('error', () => server.destroy());
        server.on('error', () => client.destroy());
      });
      proxy.listen(port, '127.0.0.1');
    }, 1_500);
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      instanceId: 'wait-test',
      destination: { write: (l: string) => void lines.push(l) },
    });
    const started = Date.now();
    try {
      await waitForDatabase(() => runMigrations(proxied.toString()), { waitS: 30, logger });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
      const db = postgres(url, { max: 1, onnotice: () => {} });
      const applied = await db`select count(*)::int as n from drizzle.__drizzle_migrations`;
      await db.end();
      expect(applied[0]?.n).toBeGreaterThan(0);
      expect(lines.filter((l) => l.includes('waiting for it'))).toHaveLength(1);
    } finally {
      clearTimeout(opening);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
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
