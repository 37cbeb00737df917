/** Days ahead at which an expiry is flagged: the registry's own reminders start 30 days out. */
export const EXPIRY_WARN_DAYS = 30;

const DAY_MS = 86_400_000;

/** Today's calendar day in China time, as policies and certificates are dated. */
export function chinaToday(nowMs = Date.now()): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from today (China time) to a calendar day; negative once it has passed. */
export function daysUntil(day: string, nowMs = Date.now()): number {
  return Math.round((Date.parse(day) - Date.parse(chinaToday(nowMs))) / DAY_MS);
}

export type ExpiryState = 'expired' | 'soon' | 'valid';

/** A day a certificate or policy ends: passed, within the warning window, or further off. */
export function expiryState(day: string, nowMs = Date.now()): ExpiryState {
  const d = daysUntil(day, nowMs);
  if (d < 0) return 'expired';
  return d <= EXPIRY_WARN_DAYS ? 'soon' : 'valid';
}
