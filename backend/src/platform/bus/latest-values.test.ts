import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { openLatestValues } from './latest-values.ts';

describe('latest values in a KV bucket', () => {
  let env: TestEnv;
  let m: Muster;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ MUSTER_ROLES: 'api' }));
  });
  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  it('keeps the newest value per key, refuses an older write from this process, and purges', async () => {
    const kv = openLatestValues<{ v: number }>(m.bus.nc, m.streams.lastPositionsBucket);
    const key = randomUUID();
    expect(await kv.get(key)).toBeUndefined();
    expect(await kv.put(key, { v: 2 }, 2)).toBe(true);
    expect(await kv.put(key, { v: 1 }, 1)).toBe(false);
    expect(await kv.get(key)).toEqual({ v: 2 });
    // Another process (another handle) sees it too.
    const other = openLatestValues<{ v: number }>(m.bus.nc, m.streams.lastPositionsBucket);
    expect(await other.get(key)).toEqual({ v: 2 });
    await kv.purge(key);
    expect(await other.get(key)).toBeUndefined();
    expect(await kv.put(key, { v: 1 }, 1)).toBe(true);
    expect(await other.get(key)).toEqual({ v: 1 });
  });

  it('coalesces: values taken within the window are written once, the latest per key', async () => {
    const kv = openLatestValues<{ v: number }>(m.bus.nc, m.streams.lastPositionsBucket, {
      coalesceMs: 60_000,
    });
    const key = randomUUID();
    expect(await kv.put(key, { v: 1 }, 1)).toBe(true);
    expect(await kv.put(key, { v: 3 }, 3)).toBe(true);
    expect(await kv.put(key, { v: 2 }, 2)).toBe(false);
    expect(await kv.get(key)).toBeUndefined();
    const before = (await m.bus.jsm.streams.info(`KV_${m.streams.lastPositionsBucket}`)).state
      .last_seq;
    await kv.close();
    expect(await kv.get(key)).toEqual({ v: 3 });
    const after = (await m.bus.jsm.streams.info(`KV_${m.streams.lastPositionsBucket}`)).state
      .last_seq;
    expect(after - before).toBe(1);
  });
});
