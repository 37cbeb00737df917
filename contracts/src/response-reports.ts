import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { personal } from './personal.ts';
import { ZIdNumber } from './forces-codes.ts';
import { ZIncidentCategory, ZIncidentGrade } from './vocabulary.ts';
import { ZIncidentCriteria, type Label } from './response.ts';

/*
 * Information reports (信息报告; Emergency Response Law art. 17, 61; Chongqing regulation
 * art. 28: 较大以上 within one hour). Each report falls due by rule; a submitted report never
 * changes: a correction is a new report that names the one it corrects.
 */

/** 初报, 续报, 终报 (核报). */
export const REPORT_KINDS = ['initial', 'follow_up', 'final'] as const;
export const ZReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ZReportKind>;
export const REPORT_KIND_LABELS: Record<ReportKind, Label> = {
  initial: { zh: '初报', en: 'Initial report' },
  follow_up: { zh: '续报', en: 'Follow-up report' },
  final: { zh: '终报（核报）', en: 'Final report' },
};

/**
 * When reports fall due, per category and grade (`*`: any). Initial: minutes after awareness;
 * follow-ups: every N hours while a response level is active, counted from activation and then
 * from each follow-up; final: days after the response is terminated.
 */
export const ZReportingRule = z.object({
  category: z.union([z.literal('*'), ZIncidentCategory]),
  grade: z.union([z.literal('*'), ZIncidentGrade]),
  /** A day at most: an initial report later than that is no initial report. */
  initialMinutes: z.number().int().min(1).max(1440),
  /** A week at most between follow-ups while a response is active. */
  followUpHours: z.number().int().min(1).max(168),
  /** A quarter at most for the final (verified) report. */
  finalDays: z.number().int().min(1).max(90),
});
export type TReportingRule = z.infer<typeof ZReportingRule>;

export const DEADLINE_STATUSES = ['pending', 'overdue', 'met', 'met_late', 'cancelled'] as const;
export const ZDeadlineStatus = z.enum(DEADLINE_STATUSES);
export type DeadlineStatus = z.infer<typeof ZDeadlineStatus>;
export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, Label> = {
  pending: { zh: '待报', en: 'Pending' },
  overdue: { zh: '超时未报', en: 'Overdue' },
  met: { zh: '按时', en: 'On time' },
  met_late: { zh: '迟报', en: 'Late' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** A report that falls due, with its countdown at the time of the answer. */
export const ZDeadline = z.object({
  id: ZUuid,
  kind: ZReportKind,
  /** 1 for the initial and final reports; the n-th follow-up. */
  sequence: z.number().int().min(1),
  dueAt: ZInstant,
  status: ZDeadlineStatus,
  /** Seconds until due (negative once overdue); null once met or cancelled. */
  secondsLeft: z.number().int().nullable(),
  reportId: ZUuid.nullable(),
  satisfiedAt: ZInstant.nullable(),
  alarmedAt: ZInstant.nullable(),
});
export type TDeadline = z.infer<typeof ZDeadline>;

const phone = () =>
  personal(
    z
      .string()
      .trim()
      .regex(/^\+?[\d\s-]{5,20}$/, 'a phone number'),
    'contact',
  );

/** A person named in a report: a casualty or a contact. Destroyed when the incident closes. */
export const ZReportPersonRequest = z.object({
  role: z.enum(['casualty', 'contact']),
  name: personal(z.string().trim().min(1).max(50), 'contact'),
  phone: phone().optional(),
  idNumber: personal(ZIdNumber.clone(), 'identity').optional(),
  /** Dead, missing, injured and how: health information, sealed at rest. */
  condition: personal(z.string().trim().min(1).max(500), 'health').optional(),
  /** Their unit or duty, e.g. 北碚区水利局 (not personal). */
  organisation: z.string().trim().max(100).optional(),
});

const reportFields = {
  summary: z.string().trim().min(1).max(10_000),
  criteria: ZIncidentCriteria,
  measures: z.string().trim().max(10_000).default(''),
  /** Who it is sent to, e.g. 重庆市应急管理局, 北碚区委区政府总值班室. */
  recipients: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
  /** Reported past the next level up (越级上报, art. 17): the reason is required. */
  skipLevel: z.boolean().default(false),
  skipLevelReason: z.string().trim().min(2).max(1000).optional(),
  people: z.array(ZReportPersonRequest).max(500).default([]),
};

function skipLevelCheck(
  v: { skipLevel: boolean; skipLevelReason?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.skipLevel && !v.skipLevelReason)
    ctx.addIssue({
      code: 'custom',
      path: ['skipLevelReason'],
      message: '越级上报须说明理由（第十七条）/ say why the report skips a level (art. 17)',
    });
}

export const ZReportRequest = z
  .object({
    kind: ZReportKind,
    /** The submitted report this one corrects (same incident, same kind). */
    corrects: ZUuid.optional(),
    ...reportFields,
    /** Submit at once instead of keeping a draft. */
    submit: z.boolean().default(false),
  })
  .superRefine(skipLevelCheck);
export type TReportRequest = z.infer<typeof ZReportRequest>;

export const ZReportDraftUpdate = z.object(reportFields).superRefine(skipLevelCheck);
export type TReportDraftUpdate = z.infer<typeof ZReportDraftUpdate>;

const shown = <T extends z.ZodType>(s: T, cls: 'contact' | 'identity' | 'health') =>
  personal(s, cls).optional();

export const ZReportPerson = z.object({
  id: ZUuid,
  role: z.enum(['casualty', 'contact']),
  name: shown(z.string(), 'contact'),
  phone: shown(z.string(), 'contact'),
  idNumber: shown(z.string(), 'identity'),
  condition: shown(z.string(), 'health'),
  organisation: z.string().optional(),
});
export type TReportPerson = z.infer<typeof ZReportPerson>;

export const ZReport = z.object({
  id: ZUuid,
  incidentId: ZUuid,
  kind: ZReportKind,
  status: z.enum(['draft', 'submitted']),
  /** Numbered when submitted: the n-th follow-up (a correction keeps its original's number). */
  sequence: z.number().int().nullable(),
  corrects: ZUuid.nullable(),
  correctedBy: z.array(ZUuid),
  summary: z.string(),
  criteria: ZIncidentCriteria,
  measures: z.string(),
  recipients: z.array(z.string()),
  skipLevel: z.boolean(),
  skipLevelReason: z.string().nullable(),
  people: z.array(ZReportPerson),
  /** How many people the report named; after the incident closes their details are destroyed. */
  peopleCount: z.number().int(),
  /** The deadline it met (or met late), when it met one. */
  deadlineId: ZUuid.nullable(),
  late: z.boolean().nullable(),
  submittedAt: ZInstant.nullable(),
  submittedBy: ZUuid.nullable(),
  createdAt: ZInstant,
  createdBy: ZUuid,
  exercise: z.boolean(),
});
export type TReport = z.infer<typeof ZReport>;
export const ZReportList = z.object({ items: z.array(ZReport) });
