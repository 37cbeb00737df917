import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZCapability } from './forces.ts';
import { ZTeamReadiness } from './forces-readiness.ts';

/** Readiness grades live with their rule; re-exported here where matching first used them. */
export { TEAM_READINESS_GRADES, ZTeamReadiness, type TeamReadiness } from './forces-readiness.ts';

export const MATCHING_LIMITS = {
  /** Candidates offered per team needed, so declines and time-outs have somewhere to go. */
  candidatesPerNeeded: 3,
  /** A call-up asks for a handful of capabilities; more is a typo. */
  capabilities: 10,
  /** Teams of one capability in one call-up; a district rarely has more registered. */
  teamsPerCapability: 50,
  /** Straight-line distances closer than this are a tie, broken by readiness: a better-prepared
   * team a few hundred metres further arrives as soon. */
  distanceTieKm: 0.5,
  /** Ineligible teams shown with `explain`: enough to see why the list is short. */
  explained: 20,
} as const;

/** What a call-up needs: who, where they rally, and for how long. */
export const ZCallupNeeds = z
  .object({
    /** The incident the call-up is for: teams deployed to it already are not "elsewhere". */
    incidentId: ZUuid.optional(),
    capabilities: z
      .array(
        z.object({
          capability: ZCapability,
          count: z.number().int().min(1).max(MATCHING_LIMITS.teamsPerCapability),
        }),
      )
      .min(1)
      .max(MATCHING_LIMITS.capabilities)
      .refine(
        (c) => new Set(c.map((x) => x.capability)).size === c.length,
        '能力重复 / a capability is listed twice',
      ),
    rallyPoint: z.object({
      lon: z.number().min(-180).max(180),
      lat: z.number().min(-90).max(90),
    }),
    window: z
      .object({ from: ZInstant, to: ZInstant })
      .refine((w) => Date.parse(w.from) < Date.parse(w.to), {
        path: ['to'],
        message: '结束时间应晚于开始时间 / window.to must be after window.from',
      }),
    maxDistanceKm: z.number().positive().max(20_000).optional(),
    /** False when the office itself insures everyone called (the order says how); default true. */
    insuranceRequired: z.boolean().optional(),
  })
  .strict();
export type TCallupNeeds = z.infer<typeof ZCallupNeeds>;

/** Why a team is in or out of a call-up; every candidate carries all of them. */
export const MATCH_REASON_CODES = [
  'approved_and_current',
  'insured_whole_window',
  'certificates_valid',
  'not_deployed',
  'capability_match',
  'within_distance',
] as const;
export const ZMatchReasonCode = z.enum(MATCH_REASON_CODES);
export type MatchReasonCode = z.infer<typeof ZMatchReasonCode>;

export const ZMatchReason = z.object({
  code: ZMatchReasonCode,
  ok: z.boolean(),
  /** Bilingual, for the commander: what was found, e.g. the day the insurance ends. */
  detail: z.string(),
});
export type TMatchReason = z.infer<typeof ZMatchReason>;

export const ZMatchCandidate = z.object({
  teamId: ZUuid,
  name: z.string(),
  distanceKm: z.number().nonnegative(),
  readiness: ZTeamReadiness,
  eligible: z.boolean(),
  reasons: z.array(ZMatchReason),
});
export type TMatchCandidate = z.infer<typeof ZMatchCandidate>;

export const ZMatchResult = z.object({
  candidates: z.array(ZMatchCandidate),
  /** With `explain`: the nearest teams left out, with the reasons. */
  excluded: z.array(ZMatchCandidate),
});
export type TMatchResult = z.infer<typeof ZMatchResult>;
