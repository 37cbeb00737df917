import type { z } from 'zod';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useApi } from '../auth/use-api.ts';
import type { Locale } from '../i18n/locale.ts';

/** The session's requests (`useApi`), under the console's name. */
export const useConsoleApi = useApi;

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The reader's half of a bilingual message `中文 / English`; the whole text when it is not one. */
export function messageIn(message: string, locale: Locale): string {
  // The English half starts after a slash and a space, where a Latin letter follows.
  const m = /\s*\/\s+(?=[A-Za-z])/.exec(message);
  if (!m) return message;
  return locale === 'zh-CN' ? message.slice(0, m.index) : message.slice(m.index + m[0].length);
}

/** Field errors by field path (`matters`, `area.description`), from the server's answer. */
export function serverFieldErrors(failure: FetchFailure, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  if (failure.kind !== 'server') return out;
  for (const issue of failure.error.issues ?? []) {
    const path = issue.path.replace(/^body\./, '').replace(/^body$/, '(root)');
    out[path] ??= messageIn(issue.message, locale);
  }
  return out;
}

/** Field errors from a client-side parse with the same contract schema. */
export function zodFieldErrors(error: z.ZodError, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(root)';
    out[path] ??= messageIn(issue.message, locale);
  }
  return out;
}
