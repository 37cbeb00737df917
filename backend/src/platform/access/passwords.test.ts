import { describe, expect, it } from 'vitest';
import { ZBackendConfigChecked } from '@muster/contracts';
import { testKeys } from '../../testing/env.ts';
import { createPasswordHasher } from './passwords.ts';

describe('password hashing', () => {
  const hasher = createPasswordHasher({ memoryKib: 1024 });

  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hasher.hash('a-long-enough-secret');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=2\$/);
    expect(await hasher.verify(hash, 'a-long-enough-secret')).toBe(true);
    expect(await hasher.verify(hash, 'a-long-enough-secreT')).toBe(false);
    expect(await hasher.verify('not a hash', 'anything')).toBe(false);
  });

  it('uses the OWASP parameters by default', async () => {
    expect(await createPasswordHasher().hash('x')).toMatch(/\$m=19456,p=1,t=2\$/);
  });

  it('verifies a dummy hash for an unknown account, and says no', async () => {
    expect(await hasher.verify(undefined, 'whatever')).toBe(false);
  });

  it('asks for a rehash when the parameters changed', async () => {
    const weak = await createPasswordHasher({ memoryKib: 512 }).hash('x');
    expect(hasher.needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('x'))).toBe(false);
  });

  it('refuses a production config with a weakened argon2 cost', () => {
    const base = {
      DATABASE_URL: 'postgres://u@h/db',
      NATS_URL: 'nats://h:4222',
      ...testKeys(),
    };
    const weak = ZBackendConfigChecked.safeParse({
      ...base,
      NODE_ENV: 'production',
      ARGON2_MEMORY_KIB: '1024',
    });
    expect(weak.success).toBe(false);
    expect(weak.error?.issues.map((i) => i.path.join('.'))).toContain('ARGON2_MEMORY_KIB');
    expect(ZBackendConfigChecked.safeParse({ ...base, ARGON2_MEMORY_KIB: '1024' }).success).toBe(
      true,
    );
  });
});
