import { AppError, type TFieldIssue } from '@muster/contracts';
import type { WarningRow } from './warning-view.ts';

/**
 * Art. 64: a warning states its category, level, start time, the area it may affect, what to
 * watch for, the measures to take, the issuing body and the issue time (the approval's). Each
 * missing piece is named as a field, so the console can point at it.
 */
export function requireContent(w: WarningRow, now: Date): void {
  const issues: TFieldIssue[] = [];
  const miss = (path: string, message: string) => issues.push({ path, message });
  if (!w.area) miss('area', '可能影响的范围 / the area it may affect');
  if (!w.onset) miss('onset', '起始时间 / the start time');
  if (!w.expiresAt) miss('expiresAt', '预计结束时间 / the expected end');
  else if (w.expiresAt <= now) miss('expiresAt', '结束时间已过 / the expected end has passed');
  else if (w.onset && w.expiresAt <= w.onset)
    miss('expiresAt', '结束须晚于起始 / must end after onset');
  if (!w.impacts) miss('impacts', '警示事项与可能影响 / the impacts to watch for');
  if (!w.measures || w.measures.length === 0)
    miss('measures', '应当采取的措施 / the measures to take');
  if (!w.issuer) miss('issuer', '发布单位 / the issuing body');
  if (issues.length > 0)
    throw new AppError(
      'monitoring.warning_incomplete',
      issues.map((i) => i.path).join(', '),
      issues,
    );
}
