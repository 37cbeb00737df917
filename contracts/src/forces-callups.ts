import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { personal } from './personal.ts';
import { ZCapability } from './forces.ts';
import { ZLatitude, ZLongitude } from './events/forces.ts';
import { ZCallupCompensationTerms } from './events/forces-callups.ts';
import { ZFen } from './vocabulary.ts';
import { ZCallupNeeds } from './forces-matching.ts';

/*
 * Call-up and deployment (调用) of social emergency forces: the order, the acceptance board, the
 * team portal, deployment status, positions and stand-down. Emergency Response Law art. 39–40;
 * Volunteer Service Regulation art. 17.
 */

/** The legal basis every call-up order carries, stored in the order itself (art. 39 ¶3). */
export const CALLUP_LEGAL_BASIS =
  '《中华人民共和国突发事件应对法》第三十九条第三款：社会力量建立的应急救援队伍参与突发事件应对工作应当服从履行统一领导职责或者组织处置突发事件的人民政府、突发事件应急指挥机构的统一指挥。' +
  ' / Emergency Response Law art. 39(3): rescue teams formed by social forces that take part in responding to an emergency act under the unified command of the people’s government leading or handling it and of its emergency command.';

/** The short citation of the same, for audit entries and lists. */
export const CALLUP_LEGAL_CITATION =
  '突发事件应对法第三十九条第三款、第四十条 Emergency Response Law art. 39(3), 40';

/** Limits of call-ups and deployments, with why. */
export const CALLUP_LIMITS = {
  /** Minutes a team has to answer an alert unless the order says otherwise: a leader needs a few calls to muster. */
  ackMinutesDefault: 15,
  ackMinutesMin: 1,
  /** A day: beyond it the alert is no longer about this emergency's first response. */
  ackMinutesMax: 24 * 60,
  /** An order covers at most a month; longer work is a new order with new terms. */
  windowMaxDays: 30,
  /** Teams alerted in one dispatch: a district rarely has more of one kind. */
  teamsPerDispatch: 100,
  /** People a team sends: a county team is tens, not thousands. */
  peoplePerTeam: 1_000,
  /** Lines of people, equipment or expenses in a stand-down. */
  standDownLines: 1_000,
  /** A member reports at most this often; faster reports are refused (429), not stored. */
  positionMinIntervalMs: 2_000,
  /** A team's reports per second on one instance (50 members every 2 s with room to spare). */
  positionTeamPerSecond: 30,
  /** A report older than this is stale for the live map and the track: the device's queue, not now. */
  positionMaxAgeMs: 15 * 60_000,
  /** A device clock this far ahead is wrong; the report is refused rather than trusted. */
  positionMaxAheadMs: 60_000,
} as const;

/** An order is open (alerts, escalation, acceptances) until it is closed, by hand or with its incident. */
export const CALLUP_STATUSES = ['open', 'closed'] as const;
export const ZCallupStatus = z.enum(CALLUP_STATUSES);
export type CallupStatus = z.infer<typeof ZCallupStatus>;

/** A team's place on the acceptance board. */
export const ASSIGNMENT_STATUSES = [
  'alerted',
  'accepted',
  'declined',
  'timed_out',
  'withdrawn',
  'stood_down',
] as const;
export const ZAssignmentStatus = z.enum(ASSIGNMENT_STATUSES);
export type AssignmentStatus = z.infer<typeof ZAssignmentStatus>;
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, { zh: string; en: string }> = {
  alerted: { zh: '待应答', en: 'Alerted, awaiting answer' },
  accepted: { zh: '已接受', en: 'Accepted' },
  declined: { zh: '已谢绝', en: 'Declined' },
  timed_out: { zh: '超时未应答', en: 'No answer in time' },
  withdrawn: { zh: '已撤回', en: 'Alert withdrawn' },
  stood_down: { zh: '已撤离', en: 'Stood down' },
};

/** Where a deployed team is in its work; `on_scene` is reached by checking in at the rally point. */
export const DEPLOYMENT_STATUSES = ['en_route', 'on_scene', 'working', 'returning'] as const;
export const ZDeploymentStatus = z.enum(DEPLOYMENT_STATUSES);
export type DeploymentStatus = z.infer<typeof ZDeploymentStatus>;
export const DEPLOYMENT_STATUS_LABELS: Record<DeploymentStatus, { zh: string; en: string }> = {
  en_route: { zh: '赶赴途中', en: 'En route' },
  on_scene: { zh: '已到场', en: 'On scene' },
  working: { zh: '处置中', en: 'Working' },
  returning: { zh: '返程中', en: 'Returning' },
};

/** The label of an exercise record wherever it is shown (DESIGN.md "Drills"). */
export const EXERCISE_LABEL = { zh: '演练', en: 'Exercise' } as const;

const DAY_MS = 86_400_000;
/** The matching window (from before to), and an order covers at most a month. */
const ZWindow = ZCallupNeeds.shape.window.refine(
  (w) => Date.parse(w.to) - Date.parse(w.from) <= CALLUP_LIMITS.windowMaxDays * DAY_MS,
  {
    path: ['to'],
    message: `时段不超过 ${CALLUP_LIMITS.windowMaxDays} 天 / a window of at most ${CALLUP_LIMITS.windowMaxDays} days`,
  },
);
/** Capability → number of teams, as matching takes them. */
const ZNeeds = ZCallupNeeds.shape.capabilities;

/** A place to rally: not a person's position. */
export const ZRallyPoint = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  address: z.string().trim().min(2).max(200),
});

/** A duty officer or the incident's commander orders a call-up. */
export const ZCallupRequest = z
  .object({
    incidentId: ZUuid,
    needs: ZNeeds,
    rallyPoint: ZRallyPoint,
    window: ZWindow,
    task: z.string().trim().min(2).max(2000),
    terms: ZCallupCompensationTerms,
    /**
     * Teams must hold accident insurance over the whole window (art. 40; Volunteer Service
     * Regulation art. 17). `false` only when the office itself insures everyone called: say how
     * in `insuranceNote`.
     */
    insuranceRequired: z.boolean().default(true),
    insuranceNote: z.string().trim().min(5).max(500).optional(),
    maxDistanceKm: z.number().positive().max(20_000).optional(),
    ackMinutes: z
      .number()
      .int()
      .min(CALLUP_LIMITS.ackMinutesMin)
      .max(CALLUP_LIMITS.ackMinutesMax)
      .default(CALLUP_LIMITS.ackMinutesDefault),
    /** Alert the next eligible team when one declines or does not answer in time. */
    autoEscalate: z.boolean().default(true),
  })
  .superRefine((b, ctx) => {
    if (!b.insuranceRequired && !b.insuranceNote)
      ctx.addIssue({
        code: 'custom',
        path: ['insuranceNote'],
        message:
          '不要求队伍自有保险时，请写明由谁为调用人员投保 / say who insures the people called when teams need no insurance of their own',
      });
  });
export type TCallupRequest = z.infer<typeof ZCallupRequest>;

/** Matching before an order exists: the same needs, no order yet. */
export const ZCallupPreviewRequest = z.object({
  incidentId: ZUuid,
  needs: ZNeeds,
  rallyPoint: ZRallyPoint.partial({ address: true }),
  window: ZWindow,
  insuranceRequired: z.boolean().default(true),
  maxDistanceKm: z.number().positive().max(20_000).optional(),
});
export type TCallupPreviewRequest = z.infer<typeof ZCallupPreviewRequest>;

export const ZCandidatesQuery = z.object({
  /** Only this needed capability. */
  capability: ZCapability.optional(),
  /** Also the nearest teams left out, with the reasons (default true). */
  explain: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** Teams to alert; empty: the best candidates for what is still outstanding. */
export const ZDispatchRequest = z.object({
  teams: z
    .array(
      z.object({
        teamId: ZUuid,
        /** The need the team fills; default: the first outstanding need it offers. */
        capability: ZCapability.optional(),
      }),
    )
    .max(CALLUP_LIMITS.teamsPerDispatch)
    .refine(
      (t) => new Set(t.map((x) => x.teamId)).size === t.length,
      '队伍重复 / a team is listed twice',
    )
    .default([]),
});

/** The team leader answers an alert. */
export const ZCallupAnswerRequest = z.discriminatedUnion('answer', [
  z.object({
    answer: z.literal('accept'),
    /** People the team sends. */
    people: z.number().int().min(1).max(CALLUP_LIMITS.peoplePerTeam),
    /** The members going, when known now (service hours are credited to them). */
    memberIds: z.array(ZUuid).max(CALLUP_LIMITS.peoplePerTeam).optional(),
  }),
  z.object({
    answer: z.literal('decline'),
    reason: z.string().trim().min(2).max(500),
  }),
]);
export type TCallupAnswerRequest = z.infer<typeof ZCallupAnswerRequest>;

export const ZCheckInRequest = z.object({
  /** The members who reported at the rally point (replaces those named at acceptance). */
  memberIds: z.array(ZUuid).max(CALLUP_LIMITS.peoplePerTeam).optional(),
});

export const ZDeploymentStatusRequest = z.object({
  /** `on_scene` is reached by checking in. */
  status: z.enum(['en_route', 'working', 'returning']),
});

export const ZStandDownRequest = z.object({
  /** When the team was stood down; default now. */
  at: ZInstant.optional(),
  /** Hours per member; default: each member named at check-in or acceptance, from then to `at`. */
  people: z
    .array(z.object({ memberId: ZUuid, hours: z.number().min(0).max(10_000) }))
    .max(CALLUP_LIMITS.standDownLines)
    .optional(),
  equipment: z
    .array(
      z.object({
        kind: z.string().trim().min(1).max(100),
        count: z.number().int().min(1),
        hours: z.number().min(0).max(10_000),
      }),
    )
    .max(CALLUP_LIMITS.standDownLines)
    .default([]),
  expenses: z
    .array(z.object({ description: z.string().trim().min(1).max(200), fen: ZFen }))
    .max(200)
    .default([]),
});
export type TStandDownRequest = z.infer<typeof ZStandDownRequest>;

export const ZCloseCallupRequest = z.object({ reason: z.string().trim().min(2).max(500) });

/** A member or leader of a deployed team reports where they are. */
export const ZPositionReport = z.object({
  lon: personal(ZLongitude.clone(), 'location'),
  lat: personal(ZLatitude.clone(), 'location'),
  accuracyM: z.number().min(0).max(100_000).optional(),
  /** When the device took the fix. */
  reportedAt: ZInstant,
  /** Which incident, when the team is deployed to more than one. */
  incidentId: ZUuid.optional(),
});
export type TPositionReport = z.infer<typeof ZPositionReport>;

export const ZPositionReportResult = z.object({
  /** `stale`: older than a report already taken from this device; dropped, do not resend. */
  outcome: z.enum(['accepted', 'stale']),
  incidentId: ZUuid,
});
