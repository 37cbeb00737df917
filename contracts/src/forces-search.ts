import { z } from 'zod';
import { ZDay, ZInstant, ZUuid } from './ids.ts';
import { ZAreaGeometry } from './geo.ts';
import { personal } from './personal.ts';
import { ZCapability, ZTeam, ZTeamStatus, TEAM_STATUSES } from './forces.ts';
import { TEAM_READINESS_GRADES, ZTeamReadiness } from './forces-readiness.ts';

/*
 * The district database read as a whole (issue 4): search, statistics and expiry reminders.
 * docs/forces.md "Registry: search, exports, statistics, reminders".
 */

const ZPageLimit = z.coerce.number().int().min(1).max(200).default(50);

/* Search of the district database. */
export const SEARCH_LIMITS = {
  /** An outline of a district's subdistricts fits well under this many positions. */
  polygonPositions: 20_000,
  radiusKm: 500,
  /** Rows in one CSV export: a district's whole register; more is narrowed by filters. */
  exportRows: 10_000,
} as const;

function positionCount(g: z.infer<typeof ZAreaGeometry>): number {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.reduce((n, rings) => n + rings.reduce((m, r) => m + r.length, 0), 0);
}

export const ZSearchArea = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('polygon'),
    geometry: ZAreaGeometry.refine(
      (g) => positionCount(g) <= SEARCH_LIMITS.polygonPositions,
      `至多 ${SEARCH_LIMITS.polygonPositions} 个坐标点 / at most ${SEARCH_LIMITS.polygonPositions} positions`,
    ),
  }),
  z.object({
    type: z.literal('circle'),
    center: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
    radiusKm: z.number().positive().max(SEARCH_LIMITS.radiusKm),
  }),
]);
export type TSearchArea = z.infer<typeof ZSearchArea>;

export const ZTeamSearchFilter = z.object({
  capabilities: z.array(ZCapability).min(1).max(10).optional(),
  /** `all`: teams offering every listed capability; `any`: at least one. */
  capabilityMatch: z.enum(['all', 'any']).default('all'),
  statuses: z.array(ZTeamStatus).min(1).max(TEAM_STATUSES.length).optional(),
  readiness: z.array(ZTeamReadiness).min(1).max(TEAM_READINESS_GRADES.length).optional(),
  /** The team's base inside an outline, or within a distance of a point. */
  area: ZSearchArea.optional(),
  /** Every current member insured on this day (China calendar). */
  insuredOn: ZDay.optional(),
});
export type TTeamSearchFilter = z.infer<typeof ZTeamSearchFilter>;
export const ZTeamSearchRequest = ZTeamSearchFilter.extend({
  limit: ZPageLimit,
  cursor: ZUuid.optional(),
});
export const ZTeamSearchHit = ZTeam.extend({
  /** With a circle area: straight-line distance of the base from its centre. */
  distanceKm: z.number().optional(),
});
export const ZTeamSearchResult = z.object({
  items: z.array(ZTeamSearchHit),
  nextCursor: z.string().nullable(),
});

/* Statistics and reminders. */
export const REMINDER_KINDS = ['insurance', 'certificate', 'approval'] as const;
export const ZReminderKind = z.enum(REMINDER_KINDS);
/** Days before an expiry that a reminder is raised, once each: a month, a week, the last day. */
export const REMINDER_THRESHOLDS_DAYS = [30, 7, 1] as const;
export const EXPIRING_WINDOW_DAYS = 30;

const byStatus = z.record(ZTeamStatus, z.number().int());
export const ZForcesStatistics = z.object({
  asOf: ZDay,
  teamsByStatus: byStatus,
  teamsByCapability: z.array(
    z.object({ capability: ZCapability, byStatus: byStatus, members: z.number().int() }),
  ),
  /** Approved teams by readiness grade. */
  approvedByReadiness: z.record(ZTeamReadiness, z.number().int()),
  members: z.object({ total: z.number().int(), onApprovedTeams: z.number().int() }),
  approvedCallable: z.object({ approved: z.number().int(), callable: z.number().int() }),
  /** Expiring from today to `EXPIRING_WINDOW_DAYS` on, both days included; teams not revoked. */
  expiringWithin30Days: z.object({
    insurancePolicies: z.number().int(),
    certificates: z.number().int(),
    approvals: z.number().int(),
  }),
});
export type TForcesStatistics = z.infer<typeof ZForcesStatistics>;

export const ZReminder = z.object({
  id: ZUuid,
  teamId: ZUuid,
  teamName: z.string(),
  kind: ZReminderKind,
  /** The policy, certificate or team that expires. */
  itemId: ZUuid,
  memberId: ZUuid.nullable(),
  memberName: personal(z.string(), 'contact').optional(),
  /** Policy number, certificate name, or 备案有效期 for the approval. */
  label: z.string(),
  dueOn: ZDay,
  thresholdDays: z.number().int(),
  raisedAt: ZInstant,
});
export type TReminder = z.infer<typeof ZReminder>;
export const ZReminderQuery = z.object({
  teamId: ZUuid.optional(),
  limit: ZPageLimit,
  cursor: ZUuid.optional(),
});
export const ZReminderList = z.object({
  items: z.array(ZReminder),
  nextCursor: z.string().nullable(),
});
