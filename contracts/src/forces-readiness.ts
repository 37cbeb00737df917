import { z } from 'zod';

/**
 * A team's readiness grade, best first: A — can leave within the hour with full kit; B — within
 * a few hours or short-handed; C — on call only. Ranking prefers A over B over C among teams at
 * (about) the same distance.
 */
export const TEAM_READINESS_GRADES = ['A', 'B', 'C'] as const;
export const ZTeamReadiness = z.enum(TEAM_READINESS_GRADES);
export type TeamReadiness = z.infer<typeof ZTeamReadiness>;

/**
 * The readiness rule's numbers (docs/forces.md "Readiness grade"), with why. A grade looks back
 * over `windowMonths`: a year covers one training season of the district's joint-drill plan.
 */
export const READINESS_RULE = {
  windowMonths: 12,
  A: {
    /** Two joint drills a year with professional teams: the district plan's minimum for a lead team. */
    jointDrills: 2,
    /** The latest joint drill no older than half a year: skills fade between seasons. */
    latestJointDrillMonths: 6,
    /** Share of the roll present, averaged over the window's sessions. */
    attendance: 0.7,
    /** Average evaluation score (0–100) given by the office; at least one session scored. */
    score: 85,
  },
  B: {
    jointDrills: 1,
    attendance: 0.5,
    /** Only when some session was scored: an unscored team is not marked down for it. */
    score: 70,
  },
} as const;
