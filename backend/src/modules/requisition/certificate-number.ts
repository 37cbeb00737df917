import { randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import type { IncidentScope } from './deps.ts';
import { chinaDate } from './remedy.ts';
import { requisitionCertificateCounters } from './tables.ts';

/**
 * The next certificate number of the year, e.g. 北碚应急征〔2026〕第0001号. Numbered inside the
 * approving transaction (the counter row stays locked until it commits), so numbers never repeat
 * and a rolled-back approval gives its number back: the register has no gaps. Drills count in
 * their own series, marked （演练）, so an exercise never takes a real number.
 */
export async function nextCertificateNumber(
  tx: Tx,
  prefix: string,
  scope: IncidentScope,
  at: Date,
): Promise<string> {
  const year = Number(chinaDate(at).slice(0, 4));
  const series = scope.exercise ? 'exercise' : 'real';
  const c = requisitionCertificateCounters;
  const [row] = await tx
    .insert(c)
    .values({ series, year, last: 1 })
    .onConflictDoUpdate({ target: [c.series, c.year], set: { last: sql`${c.last} + 1` } })
    .returning({ last: c.last });
  const n = String(row!.last).padStart(4, '0');
  return `${prefix}${scope.exercise ? '（演练）' : ''}〔${year}〕第${n}号`;
}

/** Letters and digits that cannot be mistaken for each other when read off paper (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Eight characters (about 39 bits), printed as XXXX-XXXX; look-ups are throttled. */
export function newVerificationCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** What the owner typed against the code on file, in constant time. */
export function codeMatches(typed: string, onFile: string): boolean {
  const a = Buffer.from(typed.replace('-', '').toUpperCase());
  const b = Buffer.from(onFile);
  return a.length === b.length && timingSafeEqual(a, b);
}
