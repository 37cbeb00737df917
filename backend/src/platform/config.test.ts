import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const key = Buffer.alloc(32, 7).toString('base64');
const good = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
  NATS_URL: 'nats://127.0.0.1:4222',
  DATA_KEYS: `k1:${key}`,
  DATA_KEY_ACTIVE: 'k1',
  HMAC_KEY: key,
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config', () => {
  it('applies defaults for a minimal environment', () => {
    const c = loadConfig(good);
    expect(c.PORT).toBe(8080);
    expect(c.MUSTER_ROLES).toEqual(['api', 'consumers', 'realtime']);
    expect(c.MUSTER_NAMESPACE).toBe('muster');
    expect(c.INSTANCE_ID).toMatch(/-\d+$/);
  });

  it('refuses missing settings, naming each', () => {
    const p = problems({});
    expect(p.some((l) => l.startsWith('DATABASE_URL:'))).toBe(true);
    expect(p.some((l) => l.startsWith('NATS_URL:'))).toBe(true);
  });

  it.each([
    ['PORT', 'eighty', 'PORT:'],
    ['PORT', '70000', 'PORT:'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL:'],
    ['MUSTER_ROLES', 'api,web', 'MUSTER_ROLES'],
    ['MUSTER_NAMESPACE', 'Has.Dots', 'MUSTER_NAMESPACE:'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL:'],
    ['CONSUMER_MAX_DELIVER', '0', 'CONSUMER_MAX_DELIVER:'],
    ['DATA_KEYS', 'k1:short', 'DATA_KEYS:'],
    ['DATA_KEY_ACTIVE', 'k9', 'DATA_KEY_ACTIVE:'],
    ['HMAC_KEY', 'not-base64', 'HMAC_KEY:'],
    ['ALLOWED_ORIGINS', 'not a url', 'ALLOWED_ORIGINS'],
  ])('refuses %s=%s naming the setting', (key, value, named) => {
    const p = problems({ ...good, [key]: value });
    expect(p).toHaveLength(1);
    expect(p[0]).toContain(named);
  });

  it('splits roles', () => {
    expect(loadConfig({ ...good, MUSTER_ROLES: 'consumers, realtime' }).MUSTER_ROLES).toEqual([
      'consumers',
      'realtime',
    ]);
  });
});
