import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { ARGON2_PRODUCTION_MIN_KIB } from '@muster/contracts';

/** argon2id cost. OWASP (2025): m=19 MiB, t=2, p=1; tests lower `memoryKib` to stay fast. */
export interface PasswordCost {
  memoryKib?: number;
  timeCost?: number;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Whether `password` matches `hash`. With no hash (the username is unknown) a dummy hash is
   * verified instead, so the answer takes as long and timing does not reveal which accounts exist.
   */
  verify(hash: string | undefined, password: string): Promise<boolean>;
  /** The hash was made with other parameters than today's: hash again after a good log-in. */
  needsRehash(hash: string): boolean;
}

export function createPasswordHasher(cost: PasswordCost = {}): PasswordHasher {
  const options: argon2.HashOptions = {
    type: argon2.argon2id,
    memoryCost: cost.memoryKib ?? ARGON2_PRODUCTION_MIN_KIB,
    timeCost: cost.timeCost ?? 2,
    parallelism: 1,
  };
  let dummy: Promise<string> | undefined;
  const hash = (password: string) => argon2.hash(password, options);
  return {
    hash,
    async verify(stored, password) {
      if (stored === undefined) {
        dummy ??= hash(randomBytes(24).toString('base64url'));
        await argon2.verify(await dummy, password);
        return false;
      }
      try {
        return await argon2.verify(stored, password);
      } catch {
        // A malformed stored hash can never match; refuse rather than fail the request.
        return false;
      }
    },
    needsRehash(stored) {
      try {
        return argon2.needsRehash(stored, options);
      } catch {
        return true;
      }
    },
  };
}
