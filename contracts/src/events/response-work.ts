import { z } from 'zod';
import { ZInstant, ZUuid } from '../ids.ts';
import { ZIncidentCategory } from '../vocabulary.ts';

/*
 * More of the response module's events: reports, their deadlines, plans and tasks. Ids, kinds
 * and counts only: never a person named in a report.
 */

const reportKind = z.enum(['initial', 'follow_up', 'final']);

/** A report was submitted (it is immutable from now on). */
export const ZReportSubmitted = z.object({
  incidentId: ZUuid,
  reportId: ZUuid,
  kind: reportKind,
  sequence: z.number().int().min(1),
  submittedAt: ZInstant,
  /** 越级上报 (art. 17). */
  skipLevel: z.boolean(),
  /** The submitted report this one corrects. */
  corrects: ZUuid.optional(),
  /** Whether it met its deadline; absent for a correction, which meets none. */
  onTime: z.boolean().optional(),
  peopleCount: z.number().int().min(0),
});

/** A report fell overdue: raised once per report due. */
export const ZReportOverdue = z.object({
  incidentId: ZUuid,
  deadlineId: ZUuid,
  kind: reportKind,
  sequence: z.number().int().min(1),
  dueAt: ZInstant,
});

/** A version of an emergency plan was published (the first, or a revision). */
export const ZPlanPublished = z.object({
  planId: ZUuid,
  versionId: ZUuid,
  version: z.number().int().min(1),
  category: ZIncidentCategory,
  subtypes: z.array(z.string()),
  promptedBy: z.object({ kind: z.enum(['drill_run', 'incident']), id: ZUuid }).optional(),
});

/** A department's task changed status (created tasks come with the level events). */
export const ZTaskUpdated = z.object({
  incidentId: ZUuid,
  taskId: ZUuid,
  departmentId: z.string().min(1).max(64),
  status: z.enum(['pending', 'in_progress', 'done', 'blocked', 'cancelled']),
  phase: z.enum(['response', 'recovery']),
});
