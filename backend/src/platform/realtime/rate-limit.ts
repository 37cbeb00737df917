/** A token bucket: `burst` tokens, refilled at `perSecond`; `take` spends one if there is one. */
export interface TokenBucket {
  take(nowMs: number): boolean;
}

export function createTokenBucket(burst: number, perSecond: number): TokenBucket {
  let tokens = burst;
  let at = Number.NaN;
  return {
    take(nowMs) {
      if (!Number.isNaN(at)) tokens = Math.min(burst, tokens + ((nowMs - at) / 1000) * perSecond);
      at = nowMs;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
