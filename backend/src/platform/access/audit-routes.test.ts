import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ZAuditList,
  ZAuditVerifyResult,
  ZErrorResponse,
  auditRoutes,
  type TAuditEntry,
} from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import {
  FAST_PASSWORDS,
  bearerHeaders,
  createAccount,
  login,
  type LoggedIn,
} from '../../testing/accounts.ts';
import { newId } from '../ids.ts';
import { createAuditWriter } from './audit.ts';

describe('admin audit API', () => {
  let env: TestEnv;
  let m: Muster;
  let base: string;
  let admin: LoggedIn;
  let adminId: string;
  const actor = newId();
  const subject = newId();

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ MUSTER_ROLES: 'api', ...FAST_PASSWORDS }));
    base = `http://127.0.0.1:${m.port}`;
    const a = await createAccount(m.database.db, { role: 'admin' });
    adminId = a.id;
    admin = await login(base, a.username, a.password);
    // 30 entries of one actor, a day apart from 2020-01-01, on the same chain as the app's writer.
    let day = 0;
    const seeder = createAuditWriter(m.database.db, {
      now: () => new Date(Date.UTC(2020, 0, 1 + day)),
    });
    for (; day < 30; day++)
      await seeder.append({
        actor,
        action: day % 3 === 0 ? 'member.viewed' : 'team.updated',
        subjectId: day < 10 ? subject : newId(),
        detail: { day },
      });
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  async function get(path: string, query: Record<string, string> = {}, session = admin) {
    const res = await fetch(`${base}${path}?${new URLSearchParams(query).toString()}`, {
      headers: bearerHeaders(session),
    });
    const body: unknown = await res.json();
    return { status: res.status, body };
  }

  async function list(query: Record<string, string>) {
    const r = await get(auditRoutes.list.path, query);
    expect(r.status).toBe(200);
    return ZAuditList.parse(r.body);
  }

  it('pages newest first with an opaque cursor, without gaps or repeats', async () => {
    const seen: TAuditEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list({ actor, limit: '7', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen.map((e) => e.detail.day)).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('filters by action, subject and time (from inclusive, to exclusive)', async () => {
    const viewed = await list({ actor, action: 'member.viewed', limit: '200' });
    expect(viewed.items.map((e) => e.detail.day)).toEqual([27, 24, 21, 18, 15, 12, 9, 6, 3, 0]);
    const ofSubject = await list({ subjectId: subject, limit: '200' });
    expect(ofSubject.items).toHaveLength(10);
    expect(ofSubject.items.every((e) => e.subjectId === subject)).toBe(true);
    const window = await list({
      actor,
      from: '2020-01-05T00:00:00.000Z',
      to: '2020-01-08T00:00:00.000Z',
    });
    expect(window.items.map((e) => e.detail.day)).toEqual([6, 5, 4]);
  });

  it('audits every read of the log, recording the filters but no personal value', async () => {
    await list({ actor, action: 'member.viewed' });
    await list({ subjectId: '13812345678' });
    const reads = await list({ actor: adminId, action: 'audit.read', limit: '2' });
    // The newest read is the one just made (it is recorded after its rows are read).
    const [phoneRead, actionRead] = reads.items;
    expect(phoneRead?.detail).toMatchObject({ subjectId: '[withheld]', returned: 0 });
    expect(actionRead?.detail).toMatchObject({ actor, action: 'member.viewed', returned: 10 });
    expect(JSON.stringify(reads)).not.toContain('13812345678');
  });

  it('refuses a cursor it did not make, naming the field', async () => {
    const r = await get(auditRoutes.list.path, { cursor: 'bm90LWEtY3Vyc29y' });
    expect(r.status).toBe(400);
    expect(ZErrorResponse.parse(r.body).error.issues?.[0]?.path).toBe('query.cursor');
  });

  it('verifies the chain on request, and audits that too', async () => {
    const r = await get(auditRoutes.verify.path);
    expect(r.status).toBe(200);
    const result = ZAuditVerifyResult.parse(r.body);
    expect(result.ok).toBe(true);
    const verifies = await list({ actor: adminId, action: 'audit.verify' });
    expect(verifies.items).toHaveLength(1);
  });

  it('is for the admin alone', async () => {
    const anonymous = await fetch(`${base}${auditRoutes.list.path}`);
    expect(anonymous.status).toBe(401);
    const d = await createAccount(m.database.db, { role: 'duty_officer' });
    const duty = await login(base, d.username, d.password);
    for (const path of [auditRoutes.list.path, auditRoutes.verify.path]) {
      const r = await get(path, {}, duty);
      expect(r.status).toBe(403);
      expect(ZErrorResponse.parse(r.body).error.code).toBe('auth.forbidden');
    }
  });

  it('lists both routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const r of Object.values(auditRoutes)) expect(doc.paths[r.path]?.get).toBeDefined();
  });
});
