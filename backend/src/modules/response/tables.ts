import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TGradeThresholds, TIncidentCriteria } from '@muster/contracts';
import { instant } from '../../platform/db/columns.ts';
import { drill } from './drill-columns.ts';

/** Incidents. The reporter's name and phone live in `response_people`, destroyed at close. */
export const responseIncidents = pgTable(
  'response_incidents',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    subtype: text('subtype').notNull(),
    description: text('description').notNull(),
    source: text('source').notNull(),
    sourceDetail: text('source_detail'),
    warningId: uuid('warning_id'),
    awareAt: instant('aware_at').notNull(),
    locationLon: doublePrecision('location_lon'),
    locationLat: doublePrecision('location_lat'),
    areaCodes: text('area_codes').array().notNull(),
    ...drill(),
    status: text('status').notNull(),
    grade: text('grade'),
    gradedAt: instant('graded_at'),
    criteria: jsonb('criteria').$type<TIncidentCriteria>().notNull(),
    level: text('level'),
    commanderAccountId: uuid('commander_account_id'),
    planVersionId: uuid('plan_version_id'),
    activatedAt: instant('activated_at'),
    expectedEndAt: instant('expected_end_at'),
    terminatedAt: instant('terminated_at'),
    closedAt: instant('closed_at'),
    createdBy: uuid('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('response_incidents_status_idx').on(t.status, t.id),
    index('response_incidents_warning_idx').on(t.warningId),
  ],
);

/**
 * People named for an incident: who reported it, casualties and contacts in reports. Name and
 * phone are contact information (plain, projected per viewer); ID numbers and conditions are
 * sealed. All of it is destroyed when the incident closes (unless a hold keeps it).
 */
export const responsePeople = pgTable(
  'response_people',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    reportId: uuid('report_id'),
    role: text('role').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    idNumberSealed: text('id_number_sealed'),
    conditionSealed: text('condition_sealed'),
    organisation: text('organisation'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('response_people_incident_idx').on(t.incidentId),
    index('response_people_report_idx').on(t.reportId, t.position),
  ],
);

/** Reports. Once `submitted` a row never changes (a trigger refuses it); corrections are rows. */
export const responseReports = pgTable(
  'response_reports',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    sequence: integer('sequence'),
    corrects: uuid('corrects'),
    summary: text('summary').notNull(),
    criteria: jsonb('criteria').$type<TIncidentCriteria>().notNull(),
    measures: text('measures').notNull(),
    recipients: text('recipients').array().notNull(),
    skipLevel: boolean('skip_level').notNull(),
    skipLevelReason: text('skip_level_reason'),
    peopleCount: integer('people_count').notNull(),
    deadlineId: uuid('deadline_id'),
    late: boolean('late'),
    submittedAt: instant('submitted_at'),
    submittedBy: uuid('submitted_by'),
    createdAt: instant('created_at').notNull(),
    createdBy: uuid('created_by').notNull(),
    ...drill(),
  },
  (t) => [
    index('response_reports_incident_idx').on(t.incidentId, t.createdAt),
    // One initial and one final report per incident; more of them are corrections.
    uniqueIndex('response_reports_single_kind_idx')
      .on(t.incidentId, t.kind)
      .where(
        sql`${t.status} = 'submitted' and ${t.corrects} is null and ${t.kind} in ('initial', 'final')`,
      ),
  ],
);

/** Reports falling due. The sweep raises each overdue one once (`alarmed_at`). */
export const responseDeadlines = pgTable(
  'response_deadlines',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    kind: text('kind').notNull(),
    sequence: integer('sequence').notNull(),
    /** When its countdown started: awareness, activation, the last follow-up, termination. */
    anchorAt: instant('anchor_at').notNull(),
    dueAt: instant('due_at').notNull(),
    reportId: uuid('report_id'),
    satisfiedAt: instant('satisfied_at'),
    alarmedAt: instant('alarmed_at'),
    cancelledAt: instant('cancelled_at'),
    createdAt: instant('created_at').notNull(),
    ...drill(),
  },
  (t) => [
    uniqueIndex('response_deadlines_natural_idx').on(t.incidentId, t.kind, t.sequence),
    index('response_deadlines_due_idx')
      .on(t.dueAt)
      .where(sql`${t.satisfiedAt} is null and ${t.alarmedAt} is null and ${t.cancelledAt} is null`),
  ],
);

export const responseGradingRules = pgTable(
  'response_grading_rules',
  {
    category: text('category').notNull(),
    subtype: text('subtype').notNull(),
    thresholds: jsonb('thresholds').$type<TGradeThresholds>().notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.category, t.subtype] })],
);

export const responseReportingRules = pgTable(
  'response_reporting_rules',
  {
    category: text('category').notNull(),
    grade: text('grade').notNull(),
    initialMinutes: integer('initial_minutes').notNull(),
    followUpHours: integer('follow_up_hours').notNull(),
    finalDays: integer('final_days').notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.category, t.grade] })],
);

/** The timeline of each incident: own actions and other modules' events, never a person. */
export const responseTimeline = pgTable(
  'response_timeline',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    id: uuid('id').notNull(),
    incidentId: uuid('incident_id').notNull(),
    at: instant('at').notNull(),
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    actor: text('actor').notNull(),
    summaryZh: text('summary_zh').notNull(),
    summaryEn: text('summary_en').notNull(),
    data: jsonb('data').$type<Record<string, string | number | boolean | null>>().notNull(),
    /** The consumed event it came from: a second delivery finds it taken. */
    eventId: uuid('event_id'),
    ...drill(),
  },
  (t) => [
    index('response_timeline_incident_idx').on(t.incidentId, t.at, t.seq),
    uniqueIndex('response_timeline_event_idx').on(t.eventId, t.incidentId),
  ],
);

export * from './tables-work.ts';
