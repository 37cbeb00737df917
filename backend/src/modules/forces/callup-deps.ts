import type { BusConnection } from '../../platform/bus/connection.ts';
import type { StreamNames } from '../../platform/bus/streams.ts';
import type { LatestValues } from '../../platform/bus/latest-values.ts';
import type { ForcesDeps } from './deps.ts';
import type { MatchingFeed } from './callup-matching-feed.ts';

/**
 * What call-ups need beyond the registry's dependencies: the bus, to hear of team changes made
 * by other instances (matching index) and to keep last positions in the KV bucket. Optional, so
 * the registry runs without them; without a bus the index reloads on a timer only and no last
 * positions are kept.
 */
export interface CallupRuntime {
  bus?: BusConnection;
  streams?: StreamNames;
  namespace?: string;
}

export type CallupDeps = ForcesDeps & CallupRuntime;

/** The last known position of a deployed team, as kept in the KV bucket (key: the team id). */
export interface LastPosition {
  teamId: string;
  memberId?: string;
  incidentId: string;
  lon: number;
  lat: number;
  accuracyM?: number;
  reportedAt: string;
  exercise: boolean;
}

/** What the call-up services share within one process: deps, the matching index, last positions. */
export interface CallupContext extends CallupDeps {
  matching: MatchingFeed;
  /** Absent without a bus. */
  lastPositions?: LatestValues<LastPosition>;
}

/**
 * What time it is for a record of an incident (call-up, alert, deployment): the drill run's
 * simulated clock for a drill's records (issue 9), the clock now for every other.
 */
export function recordNow(
  d: Pick<ForcesDeps, 'clock' | 'drillClock'>,
  record: { exercise: boolean; drillRunId: string | null },
): Date {
  return (record.drillRunId && d.drillClock?.(record.drillRunId)) || d.clock.now();
}

/** The envelope fields of an event about a call-up record: actor, incident, drill (EventDraft). */
export function eventMeta(
  actor: string,
  r: { incidentId: string; exercise: boolean; drillRunId: string | null },
): { actor: string; incidentId: string; exercise: boolean; drillRunId?: string } {
  return { actor, incidentId: r.incidentId, ...drillFields(r) };
}

/** The event fields that mark an incident's records as a drill's (EventDraft). */
export function drillFields(r: { exercise: boolean; drillRunId: string | null }): {
  exercise: boolean;
  drillRunId?: string;
} {
  return { exercise: r.exercise, ...(r.drillRunId ? { drillRunId: r.drillRunId } : {}) };
}
