/** Small formatting helpers shared by timeline lines and the printable evaluation. */

/** Yuan from fen, with thousands separators: 12,345.67 (fen stay integers until shown). */
export function yuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  return `${whole.toLocaleString('en-US')}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

/**
 * An instant in Beijing time (UTC+8, no daylight saving), as the office reads it: 2026-07-01
 * 08:30. Stored and sent times stay UTC ISO 8601; this is for people only.
 */
export function beijing(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const t = new Date(typeof d === 'string' ? Date.parse(d) : d.getTime());
  const local = new Date(t.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** A duration in seconds as 1 小时 5 分 / 1 h 5 min; null as —. */
export function duration(seconds: number | null): { zh: string; en: string } {
  if (seconds === null) return { zh: '—', en: '—' };
  const sign = seconds < 0 ? '-' : '';
  const m = Math.round(Math.abs(seconds) / 60);
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  if (d >= 2) return { zh: `${sign}${d} 天 ${h % 24} 小时`, en: `${sign}${d} d ${h % 24} h` };
  if (h >= 1) return { zh: `${sign}${h} 小时 ${m % 60} 分`, en: `${sign}${h} h ${m % 60} min` };
  return { zh: `${sign}${m} 分钟`, en: `${sign}${m} min` };
}

/** Escapes text for HTML element content and attribute values. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A section heading, Chinese first. */
export const h2 = (zh: string, en: string): string =>
  `<h2>${esc(zh)} <span class="en">${esc(en)}</span></h2>`;

/** A bilingual label as HTML: the Chinese, then the English in grey. */
export const both = (l: { zh: string; en: string }): string =>
  `${esc(l.zh)} <span class="en">${esc(l.en)}</span>`;
