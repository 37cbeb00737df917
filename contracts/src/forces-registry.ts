import { z } from 'zod';
import { ZDay, ZInstant, ZUuid } from './ids.ts';
import { personal } from './personal.ts';
import { ZMemberRequest, ZTeamFilingRequest } from './forces.ts';
import { ZTeamReadiness } from './forces-readiness.ts';

/*
 * The registry after filing (issue 4): lifecycle, maintenance, training and joint drills,
 * readiness and service hours (search, statistics and reminders: forces-search.ts).
 * docs/forces.md explains each rule.
 */

const ZPageLimit = z.coerce.number().int().min(1).max(200).default(50);

/**
 * An approval holds a year; its renewal may be handed in this many days before it ends, so a
 * team stays approved while the office reviews it (two months leave room for a busy season).
 */
export const RENEWAL_WINDOW_DAYS = 60;

/** Suspension and revocation say why; the reason is the office's words about the team. */
export const ZStatusReasonRequest = z.object({ reason: z.string().trim().min(2).max(500) });
export const ZReinstateRequest = z.object({ note: z.string().trim().max(500).optional() });

/* Maintenance after approval: no re-review (docs/forces.md "Maintenance"). */
export const ZInsuranceUpdate = z.object({ insurance: ZTeamFilingRequest.shape.insurance });
export const ZEquipmentUpdate = z.object({ equipment: ZTeamFilingRequest.shape.equipment });
export const ZContactsUpdate = z.object({
  leader: ZTeamFilingRequest.shape.leader,
  contacts: ZTeamFilingRequest.shape.contacts,
});
/**
 * A member's record kept current; the ID number is not changed (a wrong one: remove the member
 * and add them again). `accountId` links the member to their own sign-in (a team member
 * account of the same team), so they can see their own record and hours; null unlinks.
 */
export const ZMemberUpdate = ZMemberRequest.omit({ idNumber: true }).extend({
  accountId: ZUuid.nullable().optional(),
});
export type TMemberUpdate = z.infer<typeof ZMemberUpdate>;
export const ZMemberParams = z.object({ id: ZUuid, memberId: ZUuid });

/* Training and joint drills with professional teams (联训联演). */
export const TRAINING_KINDS = ['training', 'joint_drill'] as const;
export const ZTrainingKind = z.enum(TRAINING_KINDS);
export type TrainingKind = z.infer<typeof ZTrainingKind>;
export const TRAINING_KIND_LABELS: Record<TrainingKind, { zh: string; en: string }> = {
  training: { zh: '训练', en: 'Training' },
  joint_drill: { zh: '联训联演', en: 'Joint drill' },
};
/** A session longer than three days is two sessions or a typo; quarter hours are the finest unit. */
export const TRAINING_LIMITS = { maxHours: 72, attendees: 1000 } as const;
const ZSessionHours = z.number().positive().max(TRAINING_LIMITS.maxHours).multipleOf(0.25);

export const ZTrainingSessionRequest = z
  .object({
    heldOn: ZDay,
    kind: ZTrainingKind,
    /** The professional team trained with (e.g. 北碚区消防救援支队); required for a joint drill. */
    partner: z.string().trim().min(2).max(100).optional(),
    subject: z.string().trim().min(2).max(200),
    hours: ZSessionHours,
  })
  .refine((s) => s.kind !== 'joint_drill' || s.partner !== undefined, {
    path: ['partner'],
    message: '联训联演须填写合作的专业队伍 / a joint drill names its professional partner team',
  });
export type TTrainingSessionRequest = z.infer<typeof ZTrainingSessionRequest>;

export const ZAttendanceRequest = z.object({
  attendance: z
    .array(z.object({ memberId: ZUuid, hours: ZSessionHours.optional() }))
    .max(TRAINING_LIMITS.attendees)
    .refine(
      (a) => new Set(a.map((x) => x.memberId)).size === a.length,
      '队员重复 / a member is listed twice',
    ),
});
export const ZEvaluationRequest = z.object({
  score: z.number().int().min(0).max(100),
  note: z.string().trim().max(500).optional(),
});

/** Where a session came from: entered by hand, or a drill run's exercise (issue 9). */
export const TRAINING_SOURCES = ['manual', 'drill_run'] as const;

export const ZTrainingSession = z.object({
  id: ZUuid,
  teamId: ZUuid,
  kind: ZTrainingKind,
  heldOn: ZDay,
  partner: z.string().nullable(),
  subject: z.string(),
  hours: z.number(),
  source: z.enum(TRAINING_SOURCES),
  drillRunId: ZUuid.nullable(),
  score: z.number().int().nullable(),
  evaluationNote: z.string().nullable(),
  evaluatedAt: ZInstant.nullable(),
  attendance: z.array(z.object({ memberId: ZUuid, hours: z.number() })),
  createdAt: ZInstant,
});
export type TTrainingSession = z.infer<typeof ZTrainingSession>;
export const ZPageQuery = z.object({ limit: ZPageLimit, cursor: ZUuid.optional() });
export const ZTrainingList = z.object({
  items: z.array(ZTrainingSession),
  nextCursor: z.string().nullable(),
});
export const ZSessionParams = z.object({ sessionId: ZUuid });

/** The facts a readiness grade was computed from, so a leader sees what to improve. */
export const ZReadinessFacts = z.object({
  jointDrills: z.number().int(),
  latestJointDrillOn: ZDay.nullable(),
  sessions: z.number().int(),
  /** Share of the roll present, averaged over the window's sessions; null without sessions. */
  attendance: z.number().nullable(),
  scoredSessions: z.number().int(),
  averageScore: z.number().nullable(),
  paperworkCurrent: z.boolean(),
});
export type TReadinessFacts = z.infer<typeof ZReadinessFacts>;
export const ZTeamReadinessReport = z.object({
  teamId: ZUuid,
  grade: ZTeamReadiness,
  /** The China calendar day the grade was computed for. */
  asOf: ZDay,
  facts: ZReadinessFacts,
  /** Bilingual: why the grade is not higher (empty for A). */
  missing: z.array(z.string()),
});
export type TTeamReadinessReport = z.infer<typeof ZTeamReadinessReport>;

/* Service hours (Volunteer Service Regulation art. 19–20: records of service). */
export const SERVICE_HOUR_KINDS = ['deployment', 'drill', 'training'] as const;
export const ZServiceHourKind = z.enum(SERVICE_HOUR_KINDS);
export type ServiceHourKind = z.infer<typeof ZServiceHourKind>;
export const ZHoursTotals = z.object({
  deployment: z.number(),
  drill: z.number(),
  training: z.number(),
  total: z.number(),
});
export type THoursTotals = z.infer<typeof ZHoursTotals>;
export const ZHoursQuery = z
  .object({ from: ZDay.optional(), to: ZDay.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期 / to must not be before from',
  });
export const ZMemberHours = z.object({
  memberId: ZUuid,
  teamId: ZUuid,
  accountId: ZUuid.nullable(),
  name: personal(z.string(), 'contact').optional(),
  /** The member has left the roll; their hours stay on record. */
  left: z.boolean(),
  totals: ZHoursTotals,
});
export type TMemberHours = z.infer<typeof ZMemberHours>;
export const ZTeamHours = z.object({
  teamId: ZUuid,
  from: ZDay.nullable(),
  to: ZDay.nullable(),
  totals: ZHoursTotals,
  members: z.array(ZMemberHours),
});
export type TTeamHours = z.infer<typeof ZTeamHours>;
export const ZHoursEntry = z.object({
  id: ZUuid,
  memberId: ZUuid,
  teamId: ZUuid,
  kind: ZServiceHourKind,
  hours: z.number(),
  occurredOn: ZDay,
  sessionId: ZUuid.nullable(),
  callupId: ZUuid.nullable(),
  incidentId: ZUuid.nullable(),
  exercise: z.boolean(),
});
export const ZOwnHours = z.object({
  totals: ZHoursTotals,
  items: z.array(ZHoursEntry),
  nextCursor: z.string().nullable(),
});
