import type { Locale } from '../i18n/locale.ts';

/** A bilingual label from contracts in the reader's language. */
export function label(l: { zh: string; en: string }, locale: Locale): string {
  return locale === 'zh-CN' ? l.zh : l.en;
}

/** A time as the reader's locale writes it, to the minute (or the second: a drill's clock). */
export function timeText(iso: string | null | undefined, locale: Locale, seconds = false): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  });
}

/** `<input type="datetime-local">` value for an instant, in the browser's time zone. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a `datetime-local` value names, as ISO 8601; undefined when empty or invalid. */
export function isoOfLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
