import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { personal } from './personal.ts';
import { EVENT_SOURCES } from './envelope.ts';
import { ZIncidentSource } from './events/response.ts';
import { ZIncidentCategory, ZIncidentGrade, ZPoint, ZResponseLevel } from './vocabulary.ts';
import { ZGradeSuggestion, ZGradingRule, ZIncidentCriteria, ZIncidentStatus } from './response.ts';
import { ZDeadline, ZReportingRule } from './response-reports.ts';

/** One incident as a list shows it: no personal information, so the same for every viewer. */
export const ZIncidentSummary = z.object({
  id: ZUuid,
  title: z.string(),
  category: ZIncidentCategory,
  subtype: z.string(),
  status: ZIncidentStatus,
  grade: ZIncidentGrade.nullable(),
  level: ZResponseLevel.nullable(),
  awareAt: ZInstant,
  location: ZPoint.nullable(),
  areaCodes: z.array(z.string()),
  exercise: z.boolean(),
  /** The earliest report still due, if any. */
  nextDueAt: ZInstant.nullable(),
  updatedAt: ZInstant,
});
export type TIncidentSummary = z.infer<typeof ZIncidentSummary>;

export const ZIncidentListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque; `nextCursor` of the previous page. */
  cursor: ZUuid.optional(),
  status: ZIncidentStatus.optional(),
  category: ZIncidentCategory.optional(),
  /** `false` hides drills, `true` shows only drills; absent shows both. */
  exercise: z.enum(['true', 'false']).optional(),
});
export const ZIncidentList = z.object({
  items: z.array(ZIncidentSummary),
  nextCursor: z.string().nullable(),
});

/** One incident in full: its reporter projected per viewer, its reports' countdowns. */
export const ZIncident = ZIncidentSummary.extend({
  description: z.string(),
  source: ZIncidentSource,
  sourceDetail: z.string().nullable(),
  warningId: ZUuid.nullable(),
  reporter: z
    .object({
      name: personal(z.string(), 'contact').optional(),
      phone: personal(z.string(), 'contact').optional(),
    })
    .nullable(),
  drillRunId: ZUuid.nullable(),
  criteria: ZIncidentCriteria,
  suggestion: ZGradeSuggestion,
  gradedAt: ZInstant.nullable(),
  commanderAccountId: ZUuid.nullable(),
  planVersionId: ZUuid.nullable(),
  activatedAt: ZInstant.nullable(),
  expectedEndAt: ZInstant.nullable(),
  terminatedAt: ZInstant.nullable(),
  closedAt: ZInstant.nullable(),
  deadlines: z.array(ZDeadline),
  createdAt: ZInstant,
  /** The time the answer was computed at (the incident's clock; a drill's may differ). */
  asOf: ZInstant,
});
export type TIncident = z.infer<typeof ZIncident>;

/** One line of an incident's timeline: what happened, from which module, never a person. */
export const ZTimelineEntry = z.object({
  id: ZUuid,
  at: ZInstant,
  kind: z.string(),
  source: z.enum(EVENT_SOURCES),
  actor: z.string(),
  summary: z.object({ zh: z.string(), en: z.string() }),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  exercise: z.boolean(),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;
export const ZTimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Opaque; `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,16}\.\d{1,19}$/, 'a cursor from nextCursor')
    .optional(),
});
export const ZTimeline = z.object({
  items: z.array(ZTimelineEntry),
  nextCursor: z.string().nullable(),
});

/** The rules in force: each stored override, with the defaults they replace. */
export const ZResponseRules = z.object({
  grading: z.array(ZGradingRule.extend({ default: z.boolean() })),
  reporting: z.array(ZReportingRule.extend({ default: z.boolean() })),
});

export const ZIncidentTypes = z.object({
  categories: z.array(
    z.object({
      code: ZIncidentCategory,
      zh: z.string(),
      en: z.string(),
      subtypes: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
    }),
  ),
});

/** The incidents layer of the command map: grade and response-level badges. */
export const ZIncidentMapData = z.object({
  title: z.string(),
  category: ZIncidentCategory,
  subtype: z.string(),
  status: ZIncidentStatus,
  grade: ZIncidentGrade.nullable(),
  level: ZResponseLevel.nullable(),
  location: ZPoint.nullable(),
  areaCodes: z.array(z.string()),
  exercise: z.boolean(),
  badges: z.array(
    z.object({ kind: z.enum(['grade', 'level', 'exercise']), zh: z.string(), en: z.string() }),
  ),
});
export const ZIncidentMapLayer = z.object({
  layer: z.literal('incidents'),
  items: z.array(
    z.object({ id: ZUuid, op: z.enum(['upsert', 'remove']), data: ZIncidentMapData.optional() }),
  ),
});
export type TIncidentMapLayer = z.infer<typeof ZIncidentMapLayer>;
