import { AppError } from '@muster/contracts';

/**
 * Exact money arithmetic. Amounts are integer fen; quantities (days, hours, percentages, units)
 * are decimals read from their written form into a scaled BigInt, never a binary float. Each line
 * is computed as an exact fraction and rounded ONCE, half up (四舍五入) to the whole fen; a claim
 * is the exact sum of its rounded lines.
 */

/** A non-negative decimal as `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_TEXT = /^(\d+)(?:\.(\d+))?$/;

/** "2.5" → 25 / 10^1. Throws on anything but plain non-negative decimal notation. */
export function parseDecimal(text: string): Decimal {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const frac = m[2] ?? '';
  return { units: BigInt(m[1]! + frac), scale: frac.length };
}

/**
 * A JSON number as the decimal it was written as: its shortest round-trip form (what
 * `String(n)` gives), so 7.35 hours is 7.35 and not 7.3499999999999996447…
 */
export function decimalOfNumber(n: number): Decimal {
  if (!Number.isFinite(n) || n < 0) throw new RangeError('not a non-negative finite number');
  const s = String(n);
  const e = /^(\d+(?:\.\d+)?)e([+-]\d+)$/.exec(s);
  if (!e) return parseDecimal(s);
  const base = parseDecimal(e[1]!);
  const exp = Number(e[2]);
  return exp >= 0
    ? { units: base.units * 10n ** BigInt(exp), scale: Math.max(0, base.scale - exp) }
    : { units: base.units, scale: base.scale - exp };
}

/** The sum of decimals, exactly. */
export function sumDecimals(values: readonly Decimal[]): Decimal {
  const scale = values.reduce((m, v) => Math.max(m, v.scale), 0);
  let units = 0n;
  for (const v of values) units += v.units * 10n ** BigInt(scale - v.scale);
  return { units, scale };
}

export function decimalText(d: Decimal): string {
  if (d.scale === 0) return d.units.toString();
  const s = d.units.toString().padStart(d.scale + 1, '0');
  return `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}`.replace(/\.?0+$/, '');
}

/** numerator / denominator rounded half up (both non-negative): the one rounding rule. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  const r = numerator % denominator;
  return 2n * r >= denominator ? q + 1n : q;
}

/** A rounded amount back to a JS number, refused when it would lose precision. */
export function toFen(amount: bigint, field: string): number {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER))
    throw new AppError('request.invalid', `${field}: amount too large`, [
      { path: field, message: '金额超出可精确表示的范围 / the amount is too large to be exact' },
    ]);
  return Number(amount);
}

/** fen × Π decimals, rounded half up once. */
export function fenTimes(fen: number, factors: readonly Decimal[], field: string): number {
  let num = BigInt(fen);
  let scale = 0;
  for (const f of factors) {
    num *= f.units;
    scale += f.scale;
  }
  return toFen(roundHalfUp(num, 10n ** BigInt(scale)), field);
}

/** The exact sum of fen amounts, refused past 2^53 − 1. */
export function sumFen(amounts: readonly number[], field: string): number {
  return toFen(
    amounts.reduce((s, a) => s + BigInt(a), 0n),
    field,
  );
}
