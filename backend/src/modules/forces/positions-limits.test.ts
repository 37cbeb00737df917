import { describe, expect, it } from 'vitest';
import { createTeamBuckets, createTtlCache } from './positions-limits.ts';

describe('position limits', () => {
  it('lets a team report a burst, then as fast as it refills, and says how long to wait', () => {
    const b = createTeamBuckets(3);
    expect([0, 1, 2].map(() => b.take('t', 0))).toEqual([0, 0, 0]);
    expect(b.take('t', 0)).toBe(334);
    expect(b.take('other', 0)).toBe(0);
    expect(b.take('t', 334)).toBe(0);
    expect(b.take('t', 334)).toBeGreaterThan(0);
    expect(b.take('t', 10_000)).toBe(0);
  });

  it('forgets cached values after their time', () => {
    const c = createTtlCache<string | null>(1_000);
    c.set('a', null, 0);
    expect(c.get('a', 999)).toBeNull();
    expect(c.get('a', 1_000)).toBeUndefined();
    expect(c.get('b', 0)).toBeUndefined();
  });
});
