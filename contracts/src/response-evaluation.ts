import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZFen, ZWarningLevel } from './vocabulary.ts';
import { ZIncidentCriteria } from './response.ts';
import { ZDeadlineStatus, ZReportKind } from './response-reports.ts';
import { ZIncidentSummary, ZTimelineEntry } from './response-incidents.ts';
import { ZLevelStep, ZLossAssessment } from './response-levels.ts';

/*
 * The investigation and evaluation report (调查评估; Emergency Response Law art. 87, 92):
 * assembled from the event stream — what the office did and what the other modules reported —
 * as anonymous facts and durations, never a person.
 */

/** The office's own findings (art. 92: 发生经过和原因, 经验教训, 改进措施). */
export const ZFindingsRequest = z.object({
  course: z.string().trim().max(20_000).default(''),
  causes: z.string().trim().max(20_000).default(''),
  lessons: z.string().trim().max(20_000).default(''),
  improvements: z.string().trim().max(20_000).default(''),
});
export const ZFindings = ZFindingsRequest.extend({ updatedAt: ZInstant, updatedBy: ZUuid });

const seconds = () => z.number().int().nullable();

/** Key durations in seconds; null when either end has not happened (or is not known). */
export const ZKeyDurations = z.object({
  awarenessToFirstReport: seconds(),
  awarenessToActivation: seconds(),
  warningToActivation: seconds(),
  activationToTermination: seconds(),
  callupToFirstAcceptance: seconds(),
  firstAcceptanceToOnScene: seconds(),
  /** Per team, from its acceptance to its check-in: the median. */
  acceptanceToOnSceneMedian: seconds(),
});
export type TKeyDurations = z.infer<typeof ZKeyDurations>;

export const ZEvaluation = z.object({
  incident: ZIncidentSummary.extend({
    activatedAt: ZInstant.nullable(),
    terminatedAt: ZInstant.nullable(),
    closedAt: ZInstant.nullable(),
    criteria: ZIncidentCriteria,
  }),
  generatedAt: ZInstant,
  durations: ZKeyDurations,
  levelHistory: z.array(ZLevelStep),
  reports: z.object({
    deadlines: z.array(
      z.object({
        kind: ZReportKind,
        sequence: z.number().int(),
        dueAt: ZInstant,
        satisfiedAt: ZInstant.nullable(),
        status: ZDeadlineStatus,
        /** How late it was met (or is, when still missing); 0 when on time. */
        lateSeconds: z.number().int().nullable(),
      }),
    ),
    submitted: z.number().int(),
    corrections: z.number().int(),
    skipLevel: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    missed: z.number().int(),
  }),
  warnings: z.array(
    z.object({
      warningId: ZUuid,
      level: ZWarningLevel,
      headline: z.string(),
      issuedAt: ZInstant,
      liftedAt: ZInstant.nullable(),
      linked: z.boolean(),
    }),
  ),
  callups: z.array(
    z.object({
      callupId: ZUuid,
      requestedAt: ZInstant.nullable(),
      teams: z.array(
        z.object({
          teamId: ZUuid,
          acceptedAt: ZInstant.nullable(),
          declinedAt: ZInstant.nullable(),
          checkedInAt: ZInstant.nullable(),
          people: z.number().int().nullable(),
        }),
      ),
    }),
  ),
  requisitions: z.object({
    orders: z.number().int(),
    items: z.number().int(),
    returned: z.number().int(),
    damaged: z.number().int(),
    claims: z.number().int(),
    assessedFen: ZFen,
    paidFen: ZFen,
  }),
  tasks: z.object({
    total: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
    byDepartment: z.array(
      z.object({
        departmentId: z.string(),
        name: z.object({ zh: z.string(), en: z.string() }).nullable(),
        total: z.number().int(),
        done: z.number().int(),
        overdue: z.number().int(),
      }),
    ),
  }),
  loss: ZLossAssessment.nullable(),
  findings: ZFindings.nullable(),
  decisions: z.array(ZTimelineEntry),
});
export type TEvaluation = z.infer<typeof ZEvaluation>;
