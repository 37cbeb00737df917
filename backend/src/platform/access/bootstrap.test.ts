import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@muster/contracts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { systemClock } from '../clock.ts';
import { createDatabase, type Database } from '../db/client.ts';
import { findAccountByUsername } from './accounts.ts';
import { createAuditWriter } from './audit.ts';
import { createFirstAdmin } from './bootstrap.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from './demo-accounts.ts';
import { createPasswordHasher } from './passwords.ts';

describe('first admin and demo accounts', () => {
  let env: TestEnv;
  let database: Database;
  const passwords = createPasswordHasher({ memoryKib: 1024 });
  const deps = () => ({
    db: database.db,
    clock: systemClock,
    audit: createAuditWriter(database.db, systemClock),
    passwords,
  });

  beforeAll(async () => {
    env = await createTestEnv();
    database = createDatabase(env.databaseUrl, { max: 3 });
  });

  afterAll(async () => {
    await database?.close();
    await env?.cleanup();
  });

  it('creates the first admin once, and only while no active admin exists', async () => {
    const first = await createFirstAdmin(deps(), {
      username: 'root-admin',
      password: 'a-very-long-secret',
      displayName: '系统管理员',
    });
    expect(first.outcome).toBe('created');
    const row = await findAccountByUsername(database.db, 'root-admin');
    expect(row).toMatchObject({ role: 'admin', status: 'active' });
    expect(await passwords.verify(row?.passwordHash, 'a-very-long-secret')).toBe(true);
    const second = await createFirstAdmin(deps(), {
      username: 'second-admin',
      password: 'another-long-secret',
      displayName: '另一位',
    });
    expect(second.outcome).toBe('exists');
    expect(await findAccountByUsername(database.db, 'second-admin')).toBeUndefined();
    const [entry] = await database.sql<{ actor: string; action: string }[]>`
      select actor, action from audit_log where subject_id = ${row!.id}`;
    expect(entry).toEqual({ actor: 'system', action: 'account.created' });
  });

  it('seeds one demo account per role, idempotently, with the printed password', async () => {
    const signIns = await seedDemoAccounts(deps());
    expect(signIns.map((s) => s.role).sort()).toEqual([...ROLES].sort());
    expect(new Set(signIns.map((s) => s.password))).toEqual(new Set([DEMO_PASSWORD]));
    for (const spec of DEMO_ACCOUNTS) {
      const row = await findAccountByUsername(database.db, spec.username);
      expect(row).toMatchObject({ role: spec.role, status: 'active' });
      expect(row?.displayName).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    }
    const before = await database.sql`select count(*)::int as n from accounts`;
    await seedDemoAccounts(deps());
    expect(await database.sql`select count(*)::int as n from accounts`).toEqual(before);
    const demo = await findAccountByUsername(database.db, 'demo-duty');
    expect(await passwords.verify(demo?.passwordHash, DEMO_PASSWORD)).toBe(true);
  });
});
