import type { Locale } from '../i18n/locale.ts';

/** Fen (exact whole numbers) as yuan with two decimals, in the reader's locale. */
export function yuanText(fen: number, locale: Locale): string {
  return (fen / 100).toLocaleString(locale, {
    style: 'currency',
    currency: 'CNY',
    minimumFractionDigits: 2,
  });
}
