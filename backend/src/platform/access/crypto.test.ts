import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { testKeys } from '../../testing/env.ts';
import { SealError, createSealer, type KeyConfig } from './crypto.ts';

const ID_NUMBER = '11010519491231002X';

function flip(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('sealing personal fields at rest', () => {
  const keys = testKeys();
  const sealer = createSealer(keys);

  it('round-trips text, including Chinese and the empty string', () => {
    for (const text of [ID_NUMBER, '过敏：青霉素', '', '29.8123,106.4321'])
      expect(sealer.open(sealer.seal(text))).toBe(text);
  });

  it('writes v1.<keyId>.<iv>.<tag>.<ciphertext> with a fresh 12-byte IV each time', () => {
    const a = sealer.seal(ID_NUMBER);
    const b = sealer.seal(ID_NUMBER);
    expect(a).not.toBe(b);
    const [version, keyId, iv, tag, data] = a.split('.');
    expect(version).toBe('v1');
    expect(keyId).toBe('cur');
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(data ?? '', 'base64url')).toHaveLength(ID_NUMBER.length);
    expect(a).not.toContain(ID_NUMBER);
  });

  it.each([
    ['iv', 2],
    ['tag', 3],
    ['ciphertext', 4],
  ])('refuses a value whose %s had one bit flipped', (_what, part) => {
    const tampered = flip(sealer.seal(ID_NUMBER), part);
    expect(() => sealer.open(tampered)).toThrow(SealError);
  });

  it('refuses a value relabelled with another key id, and a malformed one', () => {
    const relabelled = sealer.seal(ID_NUMBER).replace('v1.cur.', 'v1.old.');
    expect(() => sealer.open(relabelled)).toThrow(SealError);
    expect(() => sealer.open('plain text')).toThrow(/not a sealed value/);
    expect(() => sealer.open('v1.cur.AAAA.AAAA.AAAA')).toThrow(/malformed/);
    expect(() => sealer.open('v1.gone.AAAA.AAAA.AAAA')).toThrow(/no longer lists/);
  });

  it('opens what an old key sealed after the active key changes, and flags it for rotation', () => {
    const sealedWithOld = createSealer({ ...keys, DATA_KEY_ACTIVE: 'old' }).seal(ID_NUMBER);
    expect(sealedWithOld.split('.')[1]).toBe('old');
    expect(sealer.open(sealedWithOld)).toBe(ID_NUMBER);
    expect(sealer.needsRotation(sealedWithOld)).toBe(true);
    const resealed = sealer.seal(sealer.open(sealedWithOld));
    expect(sealer.needsRotation(resealed)).toBe(false);
  });

  it('cannot open a value once its key is removed from DATA_KEYS', () => {
    const sealedWithOld = createSealer({ ...keys, DATA_KEY_ACTIVE: 'old' }).seal(ID_NUMBER);
    const curOnly = keys.DATA_KEYS.split(',').filter((p) => p.startsWith('cur:'))[0] ?? '';
    const withoutOld = createSealer({ ...keys, DATA_KEYS: curOnly });
    expect(() => withoutOld.open(sealedWithOld)).toThrow(/old, which DATA_KEYS no longer lists/);
  });

  it('indexes ID numbers stably across spacing, case and full-width input', () => {
    const i = sealer.index(ID_NUMBER);
    expect(i).toMatch(/^[0-9a-f]{64}$/);
    expect(sealer.index(' 11010519491231002x ')).toBe(i);
    expect(sealer.index('１１０１０５１９４９１２３１００２Ｘ')).toBe(i);
    expect(sealer.index('110105194912310021')).not.toBe(i);
  });

  it('makes the index depend on HMAC_KEY', () => {
    const other = createSealer({ ...keys, HMAC_KEY: randomBytes(32).toString('base64') });
    expect(other.index(ID_NUMBER)).not.toBe(sealer.index(ID_NUMBER));
    expect(createSealer(keys).index(ID_NUMBER)).toBe(sealer.index(ID_NUMBER));
  });

  it('keeps keys out of anything that could be logged', () => {
    const material = [
      ...keys.DATA_KEYS.split(',').map((p) => p.split(':')[1] ?? ''),
      keys.HMAC_KEY,
    ];
    const shown = [JSON.stringify(sealer), inspect(sealer, { depth: 5, showHidden: true })];
    for (const m of material) {
      const hex = Buffer.from(m, 'base64').toString('hex');
      for (const s of shown) {
        expect(s).not.toContain(m);
        expect(s).not.toContain(hex);
      }
    }
    try {
      sealer.open(flip(sealer.seal(ID_NUMBER), 4));
    } catch (err) {
      const text = `${String(err)} ${inspect(err)}`;
      for (const m of material) expect(text).not.toContain(m);
      expect(text).not.toContain(ID_NUMBER);
    }
  });

  it('refuses a key of the wrong length, in config and in the sealer', () => {
    const short = randomBytes(31).toString('base64');
    const long = randomBytes(33).toString('base64');
    const base = {
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
      NATS_URL: 'nats://127.0.0.1:4222',
      ...keys,
    };
    for (const bad of [short, long]) {
      const problems = (env: Record<string, string>) => {
        try {
          loadConfig(env);
          return [];
        } catch (err) {
          if (err instanceof ConfigError) return err.problems;
          throw err;
        }
      };
      expect(problems({ ...base, DATA_KEYS: `cur:${bad}` })).toEqual([
        expect.stringContaining('DATA_KEYS:'),
      ]);
      expect(problems({ ...base, HMAC_KEY: bad })).toEqual([expect.stringContaining('HMAC_KEY:')]);
      const bypass: KeyConfig = { ...keys, DATA_KEYS: `cur:${bad}` };
      expect(() => createSealer(bypass)).toThrow(/not a 32-byte key/);
      expect(() => createSealer({ ...keys, HMAC_KEY: bad })).toThrow(/HMAC_KEY is not a 32-byte/);
    }
    expect(() => createSealer({ ...keys, DATA_KEY_ACTIVE: 'nope' })).toThrow(/DATA_KEY_ACTIVE/);
  });
});
