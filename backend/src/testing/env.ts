import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../platform/config.ts';

declare module 'vitest' {
  /** What the global setup hands every test file. */
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    natsUrl: string;
  }
}

/** Fresh keys for one test file: data keys (two, to exercise rotation) and the HMAC index key. */
export function testKeys(): Record<'DATA_KEYS' | 'DATA_KEY_ACTIVE' | 'HMAC_KEY', string> {
  const k = () => randomBytes(32).toString('base64');
  return { DATA_KEYS: `old:${k()},cur:${k()}`, DATA_KEY_ACTIVE: 'cur', HMAC_KEY: k() };
}

export interface TestEnv {
  /** This file's own database, cloned from the migrated template. */
  databaseUrl: string;
  natsUrl: string;
  /** This file's own subject namespace and stream prefix. */
  namespace: string;
  /** A backend config for this file's database and namespace, with overrides. */
  config(overrides?: Record<string, string>): Config;
  /** This file's keys, the same for every instance it starts. */
  keys: ReturnType<typeof testKeys>;
  /** Drops the database and this namespace's streams and KV buckets. */
  cleanup(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates isolated data for one test file: its own database and its own NATS namespace. */
export async function createTestEnv(): Promise<TestEnv> {
  const adminUrl = inject('adminDatabaseUrl');
  const template = inject('templateDatabase');
  const natsUrl = inject('natsUrl');
  const suffix = randomBytes(5).toString('hex');
  const dbName = `muster_t_${template.replace('muster_tpl_', '')}_${suffix}`;
  const namespace = `t${suffix}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  // CREATE DATABASE … TEMPLATE needs the template idle; retry briefly if another file is cloning.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${dbName} template ${template}`);
      break;
    } catch (err) {
      if (attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const databaseUrl = withDatabase(adminUrl, dbName);
  const keys = testKeys();
  return {
    databaseUrl,
    natsUrl,
    namespace,
    keys,
    config: (overrides = {}) =>
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        NATS_URL: natsUrl,
        MUSTER_NAMESPACE: namespace,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        DATABASE_POOL_MAX: '5',
        INSTANCE_ID: `test-${suffix}`,
        // argon2 at a test cost: the parameters, not the hardness, are under test.
        ARGON2_MEMORY_KIB: '1024',
        ...keys,
        ...overrides,
      }),
    async cleanup() {
      await deleteNamespace(natsUrl, namespace);
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${dbName} with (force)`);
      await a.end();
    },
  };
}

/** Deletes the streams and KV buckets of a namespace. */
export async function deleteNamespace(natsUrl: string, namespace: string): Promise<void> {
  const nc = await connect({ servers: natsUrl.split(',') });
  try {
    const jsm = await jetstreamManager(nc);
    const prefix = namespace.toUpperCase() + '_';
    for await (const s of jsm.streams.list()) {
      const name = s.config.name;
      if (name.startsWith(prefix) || name === `KV_${namespace}_last_positions`)
        await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }
}
