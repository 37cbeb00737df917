import { creditCodeCheckChar, idNumberCheckChar } from '@muster/contracts';

/** A small seeded generator (mulberry32): a scenario's seed gives the same draws every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A number from a string (a run id): mixes the run into identifiers that must be unique. */
export function hashOf(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const pick = (r: () => number, alphabet: string) => alphabet[Math.floor(r() * alphabet.length)]!;

/** A valid unified social credit code for a simulated team (registered in Beibei, 500109). */
export function creditCode(r: () => number): string {
  let s = '52500109';
  while (s.length < 17) s += pick(r, USCC_BODY);
  return s + creditCodeCheckChar(s)!;
}

/** A valid ID number of a simulated member (born in Beibei). */
export function idNumber(r: () => number): string {
  const s = `5001091990${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(
    1 + Math.floor(r() * 28),
  ).padStart(2, '0')}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  return s + idNumberCheckChar(s)!;
}

/** A mobile number in the 170 range (virtual operators: test data, not a person's). */
export function mobile(r: () => number): string {
  return `170${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
}
