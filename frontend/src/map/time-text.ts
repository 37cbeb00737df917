import type { Locale } from '../i18n/locale.ts';

/** "3 分钟前" / "3 minutes ago": the time since an instant, in the largest sensible unit. */
export function sinceText(iso: string, locale: Locale, nowMs = Date.now()): string {
  const s = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  const f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (s < 60) return f.format(-s, 'second');
  if (s < 3600) return f.format(-Math.floor(s / 60), 'minute');
  if (s < 86_400) return f.format(-Math.floor(s / 3600), 'hour');
  return f.format(-Math.floor(s / 86_400), 'day');
}

/** An instant as a local date and time. */
export function instantText(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
