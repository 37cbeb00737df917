import type { DeadlineStatus, ReportKind, TDeadline } from '@muster/contracts';
import type { Timing } from './rules.ts';
import type { responseDeadlines } from './tables.ts';

export type DeadlineRow = typeof responseDeadlines.$inferSelect;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When a report falls due, counted from its anchor: the initial report from awareness, a
 * follow-up from the activation or the previous follow-up, the final report from termination.
 */
export function dueAfter(kind: ReportKind, anchor: Date, t: Timing): Date {
  const ms =
    kind === 'initial'
      ? t.initialMinutes * MINUTE
      : kind === 'follow_up'
        ? t.followUpHours * HOUR
        : t.finalDays * DAY;
  return new Date(anchor.getTime() + ms);
}

/**
 * A deadline's state at `now`. Due means "by then": a report submitted at the very instant is on
 * time, and a deadline is overdue only once that instant has passed.
 */
export function deadlineState(
  r: Pick<DeadlineRow, 'dueAt' | 'satisfiedAt' | 'cancelledAt'>,
  now: Date,
): { status: DeadlineStatus; secondsLeft: number | null } {
  if (r.satisfiedAt)
    return { status: r.satisfiedAt <= r.dueAt ? 'met' : 'met_late', secondsLeft: null };
  if (r.cancelledAt) return { status: 'cancelled', secondsLeft: null };
  const secondsLeft = Math.floor((r.dueAt.getTime() - now.getTime()) / 1000);
  return { status: now > r.dueAt ? 'overdue' : 'pending', secondsLeft };
}

export function deadlineView(r: DeadlineRow, now: Date): TDeadline {
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    sequence: r.sequence,
    dueAt: r.dueAt.toISOString(),
    ...deadlineState(r, now),
    reportId: r.reportId,
    satisfiedAt: r.satisfiedAt?.toISOString() ?? null,
    alarmedAt: r.alarmedAt?.toISOString() ?? null,
  };
}
