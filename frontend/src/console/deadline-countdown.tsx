import { useEffect } from 'react';
import { useCountdown } from '../forms/use-countdown.ts';
import { useT } from '../i18n/i18n.tsx';

/** An hour or less left: the officer should be writing the report now. */
const SOON_S = 3600;

/** `1:05:09`, `5:09`: hours only when there are some. */
export function clockText(seconds: number): string {
  const s = Math.abs(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

/**
 * Time left to a report deadline, counting down each second; past it, "overdue" in red. The
 * start is the server's `secondsLeft` when it gave one (the incident's own clock, which a drill
 * may run differently), else the due time against this browser's clock.
 */
export function DeadlineCountdown({
  dueAt,
  secondsLeft,
}: {
  dueAt: string;
  secondsLeft?: number | null;
}) {
  const t = useT();
  const { remaining, finished, start } = useCountdown();
  const initial = secondsLeft ?? Math.ceil((Date.parse(dueAt) - Date.now()) / 1000);
  useEffect(() => {
    if (initial > 0) start(initial);
  }, [initial, start]);
  const overdue = initial <= 0 || finished;
  if (overdue)
    return (
      <span className="deadline deadline-overdue" data-overdue="true">
        {t('console.deadline.overdue')}
      </span>
    );
  const left = remaining || initial;
  return (
    <span className={left <= SOON_S ? 'deadline deadline-soon' : 'deadline'} data-overdue="false">
      <span className="visually-hidden">{t('console.deadline.left')}</span>
      {clockText(left)}
    </span>
  );
}
