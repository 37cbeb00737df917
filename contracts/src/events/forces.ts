import { z } from 'zod';
import { ZDay, ZInstant, ZUuid } from '../ids.ts';
import { personal } from '../personal.ts';
import { CAPABILITIES, TEAM_KINDS } from '../forces.ts';
import { ZTeamReadiness } from '../forces-readiness.ts';
import { TRAINING_KINDS, TRAINING_SOURCES } from '../forces-registry.ts';
import { REMINDER_KINDS } from '../forces-search.ts';

/** WGS-84 degrees; a live position of a person or deployed team is sensitive (`location`). */
export const ZLongitude = z.number().min(-180).max(180);
export const ZLatitude = z.number().min(-90).max(90);

/**
 * A deployed team (or one of its members) reported where it is. Many, short-lived: they ride
 * the positions stream, and only the latest per team matters to the map.
 */
export const ZPositionReported = z.object({
  teamId: ZUuid,
  memberId: ZUuid.optional(),
  incidentId: ZUuid.optional(),
  lon: personal(ZLongitude, 'location'),
  lat: personal(ZLatitude, 'location'),
  /** Metres, as the device reported it. */
  accuracyM: z.number().min(0).max(100_000).optional(),
  reportedAt: ZInstant,
});
export type TPositionReported = z.infer<typeof ZPositionReported>;

/*
 * Filing and review of the registry. Ids and non-personal data only: never a name, phone or ID
 * number in an event, because events outlive the records (and their destruction) on the stream.
 */
const ZCapabilityCode = z.enum(CAPABILITIES);

/** A team leader filed a new team (a draft). */
export const ZTeamFiled = z.object({
  teamId: ZUuid,
  name: z.string(),
  kind: z.enum(TEAM_KINDS),
  capabilities: z.array(ZCapabilityCode),
  serviceArea: z.array(z.string()),
});
/** A filing was handed in for review; `resubmission` after it was returned. */
export const ZTeamSubmitted = z.object({
  teamId: ZUuid,
  resubmission: z.boolean(),
  /** Handed in while still approved, to renew the approval before it lapses. */
  renewal: z.boolean().optional(),
});
/** A duty officer approved a filing; it lapses at `approvalExpiresAt` unless renewed. */
export const ZTeamApproved = z.object({
  teamId: ZUuid,
  approvedAt: ZInstant,
  approvalExpiresAt: ZInstant,
});
/** A duty officer returned a filing for correction, with the reasons. */
export const ZTeamReturned = z.object({
  teamId: ZUuid,
  reasons: z.array(z.object({ field: z.string().optional(), reason: z.string() })).min(1),
});
/** A member joined a team's roll. */
export const ZMemberAdded = z.object({
  teamId: ZUuid,
  memberId: ZUuid,
  skills: z.array(z.string()),
  certificateCount: z.number().int(),
});

/*
 * The registry's lifecycle after approval (docs/forces.md). Reasons are the office's words about
 * a team, never about a person.
 */

/** An approval reached its end without renewal; the team is no longer callable. */
export const ZTeamLapsed = z.object({ teamId: ZUuid, approvalExpiresAt: ZInstant });
/** The office suspended an approved team, with the reason. */
export const ZTeamSuspended = z.object({ teamId: ZUuid, reason: z.string() });
/** A suspension ended: back to `approved`, or to `lapsed` when the approval ran out meanwhile. */
export const ZTeamReinstated = z.object({ teamId: ZUuid, status: z.enum(['approved', 'lapsed']) });
/** The office revoked a filing for good, with the reason. */
export const ZTeamRevoked = z.object({ teamId: ZUuid, reason: z.string() });
/** The leader kept the filing current without a new review: what changed (ids only). */
export const ZTeamMaintained = z.object({
  teamId: ZUuid,
  what: z.enum(['insurance', 'equipment', 'contacts', 'member_updated', 'member_removed']),
  memberId: ZUuid.optional(),
});
/** The team's readiness grade changed, from training, drills, scores or paperwork. */
export const ZTeamReadinessChanged = z.object({
  teamId: ZUuid,
  from: ZTeamReadiness,
  to: ZTeamReadiness,
});
/** A training session or joint drill was recorded; `drillRunId` when a drill run recorded it. */
export const ZTrainingRecorded = z.object({
  teamId: ZUuid,
  sessionId: ZUuid,
  kind: z.enum(TRAINING_KINDS),
  heldOn: ZDay,
  hours: z.number(),
  source: z.enum(TRAINING_SOURCES),
  drillRunId: ZUuid.optional(),
});
/** Who attended a session was recorded (counts only); their hours were credited. */
export const ZTrainingAttendanceRecorded = z.object({
  teamId: ZUuid,
  sessionId: ZUuid,
  attendees: z.number().int(),
  hours: z.number(),
});
/** The office scored the team's performance in a session. */
export const ZTrainingEvaluated = z.object({
  teamId: ZUuid,
  sessionId: ZUuid,
  score: z.number().int().min(0).max(100),
});
/** A policy, certificate or approval nears its end: raised once per item per threshold. */
export const ZReminderRaised = z.object({
  teamId: ZUuid,
  reminderId: ZUuid,
  kind: z.enum(REMINDER_KINDS),
  itemId: ZUuid,
  memberId: ZUuid.optional(),
  dueOn: ZDay,
  thresholdDays: z.number().int(),
});
