import { describe, expect, it } from 'vitest';
import { BackendProcess } from './testing/processes.ts';

describe('start-up', () => {
  it('refuses a bad configuration at start, naming each setting, with exit code 78', async () => {
    const p = new BackendProcess({
      DATABASE_URL: 'mysql://nope',
      NATS_URL: '',
      PORT: 'eighty',
      MUSTER_ROLES: 'api,web',
    });
    p.start();
    expect(await p.exitCode()).toBe(78);
    expect(p.output).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(p.output).toContain('PORT:');
    expect(p.output).toContain('MUSTER_ROLES');
    expect(p.output).toContain('NATS_URL');
  });
});
