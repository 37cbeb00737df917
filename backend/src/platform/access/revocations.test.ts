import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRevocation, revocationPayloads } from './revocations.ts';

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => createHash('sha256').update(String(i)).digest('hex'));

describe('session revocation notices', () => {
  it('splits many ids into JSON arrays under the NOTIFY limit, losing none', () => {
    const all = ids(1000);
    const payloads = revocationPayloads(all);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap(parseRevocation)).toEqual(all);
  });

  it('fills each notice as far as the limit allows', () => {
    const all = ids(10);
    // Each id is 66 bytes quoted; brackets 2, commas between.
    expect(revocationPayloads(all, 2 + 66 * 3 + 2)).toHaveLength(4);
    expect(revocationPayloads(all, 2 + 66 * 3 + 1)).toHaveLength(5);
    expect(revocationPayloads([])).toEqual([]);
  });

  it('ignores what names no session', () => {
    expect(parseRevocation('not json')).toEqual([]);
    expect(parseRevocation('{"a":1}')).toEqual([]);
    expect(parseRevocation(JSON.stringify(['x', 3, ids(1)[0]]))).toEqual(ids(1));
  });
});
