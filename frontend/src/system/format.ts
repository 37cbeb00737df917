import type { Locale } from '../i18n/locale.ts';

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}

export function formatTime(d: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(d);
}

/** A wait such as an outbox row's age, in the largest unit that keeps it readable. */
export function formatDuration(ms: number, locale: Locale): string {
  const [value, unit] =
    ms < 1000
      ? [ms, 'millisecond']
      : ms < 60_000
        ? [ms / 1000, 'second']
        : ms < 3_600_000
          ? [ms / 60_000, 'minute']
          : [ms / 3_600_000, 'hour'];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'millisecond' ? 0 : 1,
  }).format(value);
}
