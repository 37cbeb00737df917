import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { TBackendConfig } from '@muster/contracts';

export type KeyConfig = Pick<TBackendConfig, 'DATA_KEYS' | 'DATA_KEY_ACTIVE' | 'HMAC_KEY'>;

/**
 * Encryption at rest of sensitive personal fields (identity, health, live location). Keys live
 * only in this closure: the object has no key-bearing properties to log or serialise, and no
 * error names a key or a value.
 */
export interface Sealer {
  /** `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), sealed with the active key. */
  seal(plaintext: string): string;
  /** The plaintext, with whichever listed key sealed it. Throws on tampering or an unknown key. */
  open(sealed: string): string;
  /** Sealed with a key other than the active one: re-seal it when convenient. */
  needsRotation(sealed: string): boolean;
  /** HMAC-SHA256 (hex) of the normalised value, for exact look-ups of ID numbers. */
  index(value: string): string;
}

/** Raised for a bad key setting or a value that cannot be opened; never quotes either. */
export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;

function decodeKey(name: string, b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== KEY_BYTES) throw new SealError(`${name} is not a ${KEY_BYTES}-byte key`);
  return key;
}

function parseKeys(dataKeys: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const pair of dataKeys.split(',')) {
    const i = pair.indexOf(':');
    const id = pair.slice(0, i);
    if (i < 1 || !KEY_ID.test(id))
      throw new SealError('DATA_KEYS holds an entry that is not id:base64key');
    if (keys.has(id)) throw new SealError(`DATA_KEYS lists key ${id} twice`);
    keys.set(id, decodeKey(`DATA_KEYS key ${id}`, pair.slice(i + 1)));
  }
  return keys;
}

/**
 * ID numbers are typed with stray spaces, full-width digits (NFKC folds them) and a lower-case
 * check letter x; the same person must find the same index.
 */
export function normaliseForIndex(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}

function split(sealed: string): { keyId: string; iv: Buffer; tag: Buffer; data: Buffer } {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION)
    throw new SealError('not a sealed value of a known version');
  const [, keyId = '', iv = '', tag = '', data = ''] = parts;
  const b = (s: string) => Buffer.from(s, 'base64url');
  return { keyId, iv: b(iv), tag: b(tag), data: b(data) };
}

/** Builds the sealer from the key settings; refuses a key of the wrong length or a missing active key. */
export function createSealer(config: KeyConfig): Sealer {
  const keys = parseKeys(config.DATA_KEYS);
  const activeId = config.DATA_KEY_ACTIVE;
  const active = keys.get(activeId);
  if (!active) throw new SealError(`DATA_KEY_ACTIVE ${activeId} is not one of DATA_KEYS`);
  const hmacKey = decodeKey('HMAC_KEY', config.HMAC_KEY);
  // The version and key id are authenticated too, so a value cannot be relabelled.
  const aad = (keyId: string) => Buffer.from(`${VERSION}.${keyId}`);

  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', active, iv);
      cipher.setAAD(aad(activeId));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, activeId, iv, tag, data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const { keyId, iv, tag, data } = split(sealed);
      const key = keys.get(keyId);
      if (!key)
        throw new SealError(
          KEY_ID.test(keyId)
            ? `sealed with key ${keyId}, which DATA_KEYS no longer lists`
            : 'sealed value is malformed',
        );
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
        throw new SealError('sealed value is malformed');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(keyId));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError('sealed value failed authentication: altered, or sealed elsewhere');
      }
    },
    needsRotation(sealed) {
      return split(sealed).keyId !== activeId;
    },
    index(value) {
      return createHmac('sha256', hmacKey).update(normaliseForIndex(value), 'utf8').digest('hex');
    },
  };
}
