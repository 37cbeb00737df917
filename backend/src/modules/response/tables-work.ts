import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  boolean,
} from 'drizzle-orm/pg-core';
import type { TBilingual, TIncidentCriteria, TPlanBody, TLossAssessment } from '@muster/contracts';
import { instant } from '../../platform/db/columns.ts';
import { drill } from './drill-columns.ts';

/** Emergency plans; what they say lives in their versions. */
export const responsePlans = pgTable('response_plans', {
  id: uuid('id').primaryKey(),
  category: text('category').notNull(),
  /** An account id, or `system` for the seeded demo plan. */
  createdBy: text('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
});

/** Published versions of plans: insert-only (a trigger refuses any change). */
export const responsePlanVersions = pgTable(
  'response_plan_versions',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => responsePlans.id),
    version: integer('version').notNull(),
    body: jsonb('body').$type<TPlanBody>().notNull(),
    reason: text('reason'),
    promptedBy: jsonb('prompted_by').$type<{ kind: 'drill_run' | 'incident'; id: string }>(),
    publishedBy: text('published_by').notNull(),
    publishedAt: instant('published_at').notNull(),
  },
  (t) => [uniqueIndex('response_plan_versions_number_idx').on(t.planId, t.version)],
);

/** The level history: activation, adjustments, termination (art. 72, 86). */
export const responseLevelSteps = pgTable(
  'response_level_steps',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    action: text('action').notNull(),
    levelFrom: text('level_from'),
    levelTo: text('level_to'),
    matters: text('matters'),
    measures: text('measures').array().notNull(),
    expectedEndAt: instant('expected_end_at'),
    reason: text('reason'),
    commanderAccountId: uuid('commander_account_id'),
    planVersionId: uuid('plan_version_id'),
    at: instant('at').notNull(),
    by: uuid('by').notNull(),
    ...drill(),
  },
  (t) => [index('response_level_steps_incident_idx').on(t.incidentId, t.at)],
);

/** Departments' tasks: from the plan at activation (response), or added for recovery. */
export const responseTasks = pgTable(
  'response_tasks',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    phase: text('phase').notNull(),
    key: text('key').notNull(),
    departmentId: text('department_id').notNull(),
    departmentName: jsonb('department_name').$type<TBilingual>(),
    title: jsonb('title').$type<TBilingual>().notNull(),
    level: text('level'),
    status: text('status').notNull(),
    dueAt: instant('due_at').notNull(),
    notes: text('notes').notNull(),
    planVersionId: uuid('plan_version_id'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    ...drill(),
  },
  (t) => [
    uniqueIndex('response_tasks_natural_idx').on(t.incidentId, t.phase, t.key),
    index('response_tasks_department_idx').on(t.departmentId, t.incidentId),
  ],
);

export const responseLossAssessments = pgTable(
  'response_loss_assessments',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    criteria: jsonb('criteria').$type<Omit<TIncidentCriteria, 'directLossFen'>>().notNull(),
    items: jsonb('items').$type<TLossAssessment['items']>().notNull(),
    notes: text('notes').notNull(),
    directLossFen: bigint('direct_loss_fen', { mode: 'number' }).notNull(),
    assessedAt: instant('assessed_at').notNull(),
    assessedBy: uuid('assessed_by').notNull(),
    ...drill(),
  },
  (t) => [index('response_loss_incident_idx').on(t.incidentId, t.assessedAt)],
);

/** The office's findings for the evaluation (art. 92), one row per incident. */
export const responseFindings = pgTable('response_findings', {
  incidentId: uuid('incident_id').primaryKey(),
  course: text('course').notNull(),
  causes: text('causes').notNull(),
  lessons: text('lessons').notNull(),
  improvements: text('improvements').notNull(),
  updatedAt: instant('updated_at').notNull(),
  updatedBy: uuid('updated_by').notNull(),
});

/** Read model of monitoring's warnings (they name no incident; incidents name them). */
export const responseWarnings = pgTable('response_warnings', {
  warningId: uuid('warning_id').primaryKey(),
  level: text('level').notNull(),
  category: text('category').notNull(),
  headline: text('headline').notNull(),
  areaCodes: text('area_codes').array().notNull(),
  issuedAt: instant('issued_at'),
  liftedAt: instant('lifted_at'),
  exercise: boolean('exercise').notNull(),
});

/** Read model of requisition orders: an item's return names only its order. */
export const responseRequisitionOrders = pgTable('response_requisition_orders', {
  orderId: uuid('order_id').primaryKey(),
  incidentId: uuid('incident_id').notNull(),
  ...drill(),
});
