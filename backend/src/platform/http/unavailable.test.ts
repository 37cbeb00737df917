import type { AddressInfo } from 'node:net';
import express from 'express';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZErrorResponse } from '@muster/contracts';
import { createLogger } from '../logger.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { errorMapper } from './errors.ts';

/**
 * PostgreSQL out of reach answers 503 with Retry-After, never 500: a client (and the load
 * balancer) can tell "try again shortly" from a defect. The errors are the real driver's, from a
 * refused connection and from a server ending the connection mid-statement.
 */
describe('HTTP while the database is out of reach', () => {
  let env: TestEnv;
  let admin: postgres.Sql;
  let base: string;
  let close: () => Promise<void>;
  const refused = postgres('postgres://root@127.0.0.1:1/none', {
    max: 1,
    connect_timeout: 2,
    onnotice: () => undefined,
  });
  let victim: postgres.Sql;

  beforeAll(async () => {
    env = await createTestEnv();
    admin = postgres(env.databaseUrl, { max: 1, onnotice: () => undefined });
    victim = postgres(env.databaseUrl, { max: 1, onnotice: () => undefined });
    const app = express();
    app.get('/refused', async (_req, res, next) => {
      try {
        res.json(await refused`select 1 as one`);
      } catch (err) {
        next(err);
      }
    });
    app.get('/terminated', async (_req, res, next) => {
      try {
        const [me] = await victim<{ pid: number }[]>`select pg_backend_pid() as pid`;
        // Another session ends this one while its statement runs, as a shutdown does.
        // Settled into a value at once, so its failure is never an unhandled rejection.
        const slow = victim`select pg_sleep(10)`.execute().then(
          (rows) => ({ rows }),
          (err: unknown) => ({ err }),
        );
        for (let i = 0; i < 100; i++) {
          const running = await admin`
            select 1 from pg_stat_activity
            where pid = ${me!.pid} and state = 'active' and query like '%pg_sleep%'`;
          if (running.length > 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await admin`select pg_terminate_backend(${me!.pid})`;
        const outcome = await slow;
        if ('err' in outcome) throw outcome.err;
        res.json(outcome.rows);
      } catch (err) {
        next(err);
      }
    });
    app.get('/broken', async (_req, res, next) => {
      try {
        res.json(await admin`select * from no_such_table`);
      } catch (err) {
        next(err);
      }
    });
    app.use(errorMapper(createLogger({ level: 'silent', instanceId: 'test' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
  });

  afterAll(async () => {
    await close?.();
    await Promise.all([refused, admin, victim].map((sql) => sql?.end({ timeout: 1 })));
    await env?.cleanup();
  });

  it.each([
    ['a refused connection', '/refused'],
    ['a connection the server ended', '/terminated'],
  ])('answers %s with 503, Retry-After and the error format', async (_what, path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = ZErrorResponse.parse(await res.json());
    expect(body.error.code).toBe('service.unavailable');
  });

  it('still answers a statement that fails on a reachable database with 500', async () => {
    const res = await fetch(`${base}/broken`);
    expect(res.status).toBe(500);
    expect(ZErrorResponse.parse(await res.json()).error.code).toBe('internal');
  });
});
