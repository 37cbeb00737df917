import type { TKeyDurations } from '@muster/contracts';

/** What the durations are computed from: instants as ISO strings or null. */
export interface DurationFacts {
  awareAt: string;
  /** The first report submitted (not a correction). */
  firstReportAt: string | null;
  activatedAt: string | null;
  terminatedAt: string | null;
  /** The warning the incident grew out of, else the earliest overlapping one. */
  warningIssuedAt: string | null;
  callups: {
    requestedAt: string | null;
    teams: { acceptedAt: string | null; checkedInAt: string | null }[];
  }[];
}

const ms = (s: string) => Date.parse(s);
const secs = (from: string | null | undefined, to: string | null | undefined): number | null =>
  from && to ? Math.round((ms(to) - ms(from)) / 1000) : null;
const earliest = (xs: readonly (string | null)[]): string | null =>
  xs.filter((x): x is string => x !== null).sort((a, b) => ms(a) - ms(b))[0] ?? null;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/**
 * Key durations of a response (art. 92's 总结经验教训 needs them measured): awareness → first
 * report, awareness and warning → activation, activation → termination, the first call-up → the
 * first acceptance → the first team on scene, and each team's acceptance → on scene (median).
 */
export function keyDurations(f: DurationFacts): TKeyDurations {
  const firstCallup = earliest(f.callups.map((c) => c.requestedAt));
  const teams = f.callups.flatMap((c) => c.teams);
  const firstAcceptance = earliest(
    teams
      .map((t) => t.acceptedAt)
      .filter((a) => !firstCallup || (a !== null && ms(a) >= ms(firstCallup))),
  );
  const firstOnScene = earliest(teams.map((t) => t.checkedInAt));
  const perTeam = teams.flatMap((t) => {
    const s = secs(t.acceptedAt, t.checkedInAt);
    return s === null ? [] : [s];
  });
  return {
    awarenessToFirstReport: secs(f.awareAt, f.firstReportAt),
    awarenessToActivation: secs(f.awareAt, f.activatedAt),
    warningToActivation: secs(f.warningIssuedAt, f.activatedAt),
    activationToTermination: secs(f.activatedAt, f.terminatedAt),
    callupToFirstAcceptance: secs(firstCallup, firstAcceptance),
    firstAcceptanceToOnScene: secs(firstAcceptance, firstOnScene),
    acceptanceToOnSceneMedian: median(perTeam),
  };
}
