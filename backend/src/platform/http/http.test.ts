import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_LIMITS, ZErrorResponse, ZReadiness, systemRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login, type LoggedIn } from '../../testing/accounts.ts';

describe('HTTP edge', () => {
  let env: TestEnv;
  let m: Muster;
  let base: string;
  let operator: LoggedIn;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ MUSTER_ROLES: 'api', ...FAST_PASSWORDS }));
    base = `http://127.0.0.1:${m.port}`;
    const admin = await createAccount(m.database.db, { role: 'admin' });
    operator = await login(base, admin.username, admin.password);
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  const outboxRows = async () =>
    Number((await m.database.sql`select count(*)::int as n from outbox`)[0]?.n);

  async function post(path: string, body: string, type = 'application/json') {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${operator.bearer}` },
      body,
    });
    return {
      status: res.status,
      body: await res.json(),
      requestId: res.headers.get('x-request-id'),
    };
  }

  it('reports ready when the database and NATS are reachable', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(ZReadiness.parse(await res.json())).toEqual({
      status: 'ready',
      checks: { database: 'ok', bus: 'connected' },
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"count": 3', 'request.malformed_json', 'body'],
    ['a wrong type', '{"count": "three"}', 'request.invalid', 'body.count'],
    ['an out-of-range number', '{"count": 1000000}', 'request.invalid', 'body.count'],
    ['a huge string', JSON.stringify({ note: 'x'.repeat(5000) }), 'request.invalid', 'body.note'],
    ['a NUL-laden note of the wrong type', '{"note": ["\\u0000"]}', 'request.invalid', 'body.note'],
    ['a JSON array instead of an object', '[1,2,3]', 'request.invalid', 'body'],
  ])(
    'answers %s with 400 naming the field, and writes nothing',
    async (_what, body, code, path) => {
      const before = await outboxRows();
      const r = await post(systemRoutes.sendProbe.path, body);
      expect(r.status).toBe(400);
      const err = ZErrorResponse.parse(r.body).error;
      expect(err.code).toBe(code);
      expect(err.issues?.map((i) => i.path)).toContain(path);
      expect(err.message.length).toBeGreaterThan(10);
      expect(err.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(err.requestId).toBe(r.requestId);
      expect(await outboxRows()).toBe(before);
    },
  );

  it('refuses an oversized body with 413, never 500', async () => {
    const before = await outboxRows();
    const r = await post(
      systemRoutes.sendProbe.path,
      JSON.stringify({ note: 'x'.repeat(HTTP_LIMITS.bodyBytes + 10) }),
    );
    expect(r.status).toBe(413);
    expect(ZErrorResponse.parse(r.body).error.code).toBe('request.too_large');
    expect(await outboxRows()).toBe(before);
  });

  it('refuses a body that is not JSON', async () => {
    const r = await post(
      systemRoutes.sendProbe.path,
      'count=3',
      'application/x-www-form-urlencoded',
    );
    expect(r.status).toBe(415);
  });

  it('answers a URL over 16 KiB with 431 in the error format, even while a large body is still arriving', async () => {
    const before = await outboxRows();
    const long = `${base}${systemRoutes.sendProbe.path}?note=${'x'.repeat(20_000)}`;
    const short = await fetch(long, { method: 'POST' });
    expect(short.status).toBe(431);
    expect(ZErrorResponse.parse(await short.json()).error.code).toBe('request.headers_too_large');
    // A megabyte of URL and another of body: the answer arrives, not a reset connection.
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}${systemRoutes.sendProbe.path}?q=${'x'.repeat(1_100_000)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${operator.bearer}` },
        body: JSON.stringify({ note: 'y'.repeat(1_200_000) }),
      });
      expect(res.status).toBe(431);
      expect(ZErrorResponse.parse(await res.json()).error.code).toBe('request.headers_too_large');
    }
    expect(await outboxRows()).toBe(before);
  });

  it('keeps reading a refused request that arrives in pieces, so the client sees the answer, not a reset', async () => {
    const { connect } = await import('node:net');
    const outcome = await new Promise<{ text: string; error?: string }>((resolve) => {
      let text = '';
      // Half-open, as a client uploading a body keeps sending after the answer has come.
      const socket = connect({ port: m.port, host: '127.0.0.1', allowHalfOpen: true }, () => {
        void (async () => {
          socket.write(`GET /api/x?q=${'a'.repeat(20_000)}`);
          for (let i = 0; i < 4; i++) {
            await new Promise((r) => setTimeout(r, 100));
            if (!socket.destroyed) socket.write('b'.repeat(20_000));
          }
          if (!socket.destroyed) socket.end(' HTTP/1.1\r\nHost: x\r\n\r\n');
        })();
      });
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (text += d));
      let error: string | undefined;
      socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code));
      socket.on('close', () => resolve({ text, ...(error ? { error } : {}) }));
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('answers bytes that are not HTTP with 400 in the error format', async () => {
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(m.port, '127.0.0.1', () => socket.write('HELLO \u0000 there\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const body: unknown = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(ZErrorResponse.parse(body).error.code).toBe('request.unreadable');
  });

  it('answers an unknown route with a 404 in the error format', async () => {
    const res = await fetch(`${base}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(ZErrorResponse.parse(await res.json()).error.code).toBe('route.not_found');
  });

  it('accepts a valid probe request and appends its events', async () => {
    const before = await outboxRows();
    const r = await post(systemRoutes.sendProbe.path, '{"count": 3, "note": "测试"}');
    expect(r.status).toBe(202);
    expect(await outboxRows()).toBe(before + 3);
  });

  it('refuses text no column can hold (NUL, a lone surrogate half) in any field, naming it, and stores nothing', async () => {
    const before = await outboxRows();
    for (const note of ['a\\u0000b', 'x\\ud83dy']) {
      const r = await post(systemRoutes.sendProbe.path, `{"count": 1, "note": "${note}"}`);
      expect(r.status).toBe(400);
      expect(ZErrorResponse.parse(r.body).error.issues?.map((i) => i.path)).toEqual(['body.note']);
    }
    expect(await outboxRows()).toBe(before);
    const q = await fetch(`${base}/api/monitoring/risks?departmentId=%00`, {
      headers: { authorization: `Bearer ${operator.bearer}` },
    });
    expect(q.status).toBe(400);
    expect(ZErrorResponse.parse(await q.json()).error.issues?.map((i) => i.path)).toEqual([
      'query.departmentId',
    ]);
  });

  it('keeps a caller-supplied request id and makes one otherwise', async () => {
    const given = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'lb-abc.123' } });
    expect(given.headers.get('x-request-id')).toBe('lb-abc.123');
    const bad = await fetch(`${base}/healthz`, {
      headers: { 'x-request-id': 'has spaces and <html>' },
    });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI 3.1 document made from the contracts, and its docs page', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of Object.values(systemRoutes))
      expect(doc.paths[r.path]?.[r.method]).toBeDefined();
    const docs = await fetch(`${base}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('lets only operators (admin, duty officer) see the status and send probes', async () => {
    const member = await createAccount(m.database.db, { role: 'team_member' });
    const memberSession = await login(base, member.username, member.password);
    const duty = await createAccount(m.database.db, { role: 'duty_officer' });
    const dutySession = await login(base, duty.username, duty.password);
    const status = (bearer?: string) =>
      fetch(`${base}${systemRoutes.status.path}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
    const anonymous = await status();
    expect(anonymous.status).toBe(401);
    expect(ZErrorResponse.parse(await anonymous.json()).error.code).toBe('auth.required');
    const forbidden = await status(memberSession.bearer);
    expect(forbidden.status).toBe(403);
    expect(ZErrorResponse.parse(await forbidden.json()).error.code).toBe('auth.forbidden');
    expect((await status(dutySession.bearer)).status).toBe(200);
    expect((await status(operator.bearer)).status).toBe(200);
    const before = await outboxRows();
    const probe = await fetch(`${base}${systemRoutes.sendProbe.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${memberSession.bearer}`,
      },
      body: '{"count": 1}',
    });
    expect(probe.status).toBe(403);
    expect(await outboxRows()).toBe(before);
  });

  it('exposes Prometheus metrics for HTTP, the outbox and the bus', async () => {
    await fetch(`${base}/api/system/status`, {
      headers: { authorization: `Bearer ${operator.bearer}` },
    });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('muster_http_requests_total');
    expect(text).toContain('muster_outbox_unsent');
    expect(text).toMatch(/muster_nats_connected 1/);
  });

  it('sets security headers', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
