import type { ForcesDeps } from './deps.ts';

/**
 * Policies, certificates, sessions and hours run by the calendar day in China (UTC+8, no summer
 * time), as printed on a policy or a certificate. Days are `YYYY-MM-DD` strings, which sort and
 * compare as dates.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The China calendar day of an instant. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day `n` days after (or before, negative) a day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The day `n` months before a day (clamped to the month's end, 03-31 minus 1 month → 02-28). */
export function monthsBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * What time it is for the registry's records: the one place to plug a drill's simulated clock
 * in later (PLAN.md). Registry records belong to preparedness, not to an incident, so today it is
 * the injected clock.
 */
export function registryNow(d: Pick<ForcesDeps, 'clock'>): Date {
  return d.clock.now();
}

/** Today in China for the registry. */
export function registryToday(d: Pick<ForcesDeps, 'clock'>): string {
  return chinaDay(registryNow(d));
}
