import type { ResponseDeps } from './deps.ts';

/** Whose time a record keeps: a drill run's records may run on a simulated clock. */
export interface RecordTime {
  exercise: boolean;
  drillRunId: string | null;
}

/**
 * The one place that says what time it is for an incident's records. Real incidents (and drills
 * without a simulated clock) use the injected clock; a drill run with a clock of its own uses it.
 */
export function recordNow(d: Pick<ResponseDeps, 'clock' | 'drillClock'>, r?: RecordTime): Date {
  const simulated = r?.drillRunId && d.drillClock ? d.drillClock(r.drillRunId) : undefined;
  return simulated ?? d.clock.now();
}

/** The envelope fields every event about an incident carries (exercise and drill run). */
export function drillFields(r: RecordTime & { id: string }): {
  incidentId: string;
  exercise: boolean;
  drillRunId?: string;
} {
  return {
    incidentId: r.id,
    exercise: r.exercise,
    ...(r.drillRunId ? { drillRunId: r.drillRunId } : {}),
  };
}

/** Just the drill fields of a row, for records that belong to its incident. */
export function recordOf(r: RecordTime): RecordTime {
  return { exercise: r.exercise, drillRunId: r.drillRunId };
}
