import { LITIGATION_MONTHS, RECONSIDERATION_DAYS, REMEDY_NOTICE } from '@muster/contracts';

const DAY_MS = 86_400_000;
/** Decisions are dated by the calendar day in China (UTC+8, no summer time). */
const CST_MS = 8 * 3_600_000;

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The calendar day (China time) of an instant, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CST_MS).toISOString().slice(0, 10);
}

/**
 * The last days of the remedy periods for a decision taken at `decidedAt`, taking the day of the
 * decision as the day the owner knew of it (a later delivery only lengthens the periods).
 * Periods count from the next day (the first day is not counted): 60 days after day D ends on
 * D + 60; 6 months after D ends on the same day six months on, or on that month's last day
 * when it has no such day (31 August → 28 February). Suspension under art. 13 is not in these
 * dates: it depends on facts the office decides case by case.
 */
export function remedyDeadlines(decidedAt: Date): {
  reconsiderationUntil: string;
  litigationUntil: string;
} {
  const day = chinaDate(decidedAt);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const reconsideration = new Date(Date.UTC(y, m - 1, d) + RECONSIDERATION_DAYS * DAY_MS);
  const months = m - 1 + LITIGATION_MONTHS;
  const ly = y + Math.floor(months / 12);
  const lm = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(ly, lm, 0)).getUTCDate();
  return {
    reconsiderationUntil: reconsideration.toISOString().slice(0, 10),
    litigationUntil: iso(ly, lm, Math.min(d, lastDay)),
  };
}

/** The remedy notice a decision carries: the fixed text with its computed last days. */
export function remedyNotice(decidedAt: Date) {
  return { zh: REMEDY_NOTICE.zh, en: REMEDY_NOTICE.en, ...remedyDeadlines(decidedAt) };
}

/** The end (exclusive, China time) of the litigation period: when remedy can no longer start. */
export function remedyEnd(decidedAt: Date): Date {
  const { litigationUntil } = remedyDeadlines(decidedAt);
  return new Date(Date.parse(`${litigationUntil}T00:00:00+08:00`) + DAY_MS);
}
