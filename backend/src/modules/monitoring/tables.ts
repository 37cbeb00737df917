import { sql } from 'drizzle-orm';
import {
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
import type { TAdjustChanges, TMeasure, TWarningArea } from '@muster/contracts';
import { instant } from '../../platform/db/columns.ts';

/** Monitoring points. The latest reading is kept on the row (hot) so lists never scan readings. */
export const monitoringPoints = pgTable(
  'monitoring_points',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    unit: text('unit').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    areaCode: text('area_code').notNull(),
    departmentId: text('department_id').notNull(),
    heartbeatS: integer('heartbeat_s').notNull(),
    status: text('status').notNull(),
    lastSeenAt: instant('last_seen_at'),
    latestValue: doublePrecision('latest_value'),
    latestObservedAt: instant('latest_observed_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    /** A drill's point (issue 9): its readings, crossings and proposals are exercises. */
    drillRunId: uuid('drill_run_id'),
  },
  (t) => [
    index('monitoring_points_kind_idx').on(t.kind, t.id),
    index('monitoring_points_liveness_idx').on(t.status, t.lastSeenAt),
  ],
);

/** Readings, one per point and instant: the natural key drops a re-sent reading. */
export const monitoringReadings = pgTable(
  'monitoring_readings',
  {
    pointId: uuid('point_id').notNull(),
    observedAt: instant('observed_at').notNull(),
    value: doublePrecision('value').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.observedAt] })],
);

export const monitoringRules = pgTable(
  'monitoring_rules',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    pointId: uuid('point_id'),
    kind: text('kind'),
    level: text('level').notNull(),
    category: text('category').notNull(),
    trigger: text('trigger').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    sustainS: integer('sustain_s').notNull(),
    rateWindowS: integer('rate_window_s'),
    hysteresis: doublePrecision('hysteresis').notNull(),
    clearAfterS: integer('clear_after_s').notNull(),
    enabled: boolean('enabled').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('monitoring_rules_point_idx').on(t.pointId),
    index('monitoring_rules_kind_idx').on(t.kind),
  ],
);

/** Where each rule stands at each point; `buckets` hold the rate window's minima. */
export const monitoringRuleStates = pgTable(
  'monitoring_rule_states',
  {
    ruleId: uuid('rule_id').notNull(),
    pointId: uuid('point_id').notNull(),
    state: text('state').notNull(),
    since: instant('since'),
    lastObservedAt: instant('last_observed_at'),
    buckets: jsonb('buckets').$type<[number, number][]>().notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ruleId, t.pointId] }),
    index('monitoring_rule_states_point_idx').on(t.pointId),
  ],
);

/** Warnings, our own and upstream agencies' (origin `external`). */
export const monitoringWarnings = pgTable(
  'monitoring_warnings',
  {
    id: uuid('id').primaryKey(),
    status: text('status').notNull(),
    origin: text('origin').notNull(),
    exercise: boolean('exercise').notNull(),
    drillRunId: uuid('drill_run_id'),
    category: text('category').notNull(),
    level: text('level').notNull(),
    headline: text('headline').notNull(),
    headlineEn: text('headline_en'),
    area: jsonb('area').$type<TWarningArea>(),
    onset: instant('onset'),
    expiresAt: instant('expires_at'),
    impacts: text('impacts'),
    impactsEn: text('impacts_en'),
    measures: jsonb('measures').$type<TMeasure[]>(),
    advice: text('advice'),
    adviceEn: text('advice_en'),
    issuer: text('issuer'),
    senderName: text('sender_name'),
    proposedBy: text('proposed_by').notNull(),
    proposal: jsonb('proposal').$type<{
      ruleId: string;
      pointId: string;
      observedAt: string;
      value: number;
    }>(),
    submittedBy: uuid('submitted_by'),
    submittedAt: instant('submitted_at'),
    approvedBy: uuid('approved_by'),
    returnReason: text('return_reason'),
    issuedAt: instant('issued_at'),
    adjustedAt: instant('adjusted_at'),
    endedAt: instant('ended_at'),
    endReason: text('end_reason'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('monitoring_warnings_status_idx').on(t.status, t.id),
    index('monitoring_warnings_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} in ('issued', 'adjusted')`),
  ],
);

/** Adjustments and lifts of a warning in force, each approved by a second officer. */
export const monitoringAmendments = pgTable(
  'monitoring_amendments',
  {
    id: uuid('id').primaryKey(),
    warningId: uuid('warning_id')
      .notNull()
      .references(() => monitoringWarnings.id),
    action: text('action').notNull(),
    status: text('status').notNull(),
    changes: jsonb('changes').$type<TAdjustChanges>().notNull(),
    reason: text('reason').notNull(),
    proposedBy: text('proposed_by').notNull(),
    submittedBy: uuid('submitted_by'),
    submittedAt: instant('submitted_at'),
    decidedBy: uuid('decided_by'),
    decidedAt: instant('decided_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    // One open step per warning: two officers cannot race two adjustments past each other.
    uniqueIndex('monitoring_amendments_open_idx')
      .on(t.warningId)
      .where(sql`${t.status} in ('proposed', 'pending')`),
  ],
);

/** Every CAP message published or imported, as written; the feeds read this. */
export const monitoringCapMessages = pgTable(
  'monitoring_cap_messages',
  {
    sender: text('sender').notNull(),
    identifier: text('identifier').notNull(),
    sent: text('sent').notNull(),
    sentAt: instant('sent_at').notNull(),
    msgType: text('msg_type').notNull(),
    status: text('status').notNull(),
    warningId: uuid('warning_id'),
    external: boolean('external').notNull(),
    references: text('references').array().notNull(),
    xml: text('xml').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sender, t.identifier] }),
    uniqueIndex('monitoring_cap_identifier_idx').on(t.identifier, t.sender),
    index('monitoring_cap_feed_idx').on(t.status, t.external, t.sentAt),
    index('monitoring_cap_warning_idx').on(t.warningId, t.sentAt),
  ],
);

/** Measure packs by level; category `default` applies to every category without its own. */
export const monitoringMeasurePacks = pgTable(
  'monitoring_measure_packs',
  {
    level: text('level').notNull(),
    category: text('category').notNull(),
    measures: jsonb('measures').$type<TMeasure[]>().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.category] })],
);

/**
 * The risk register (art. 33). The contact's name and phone are contact information: plain at
 * rest like forces' contacts, shown through the one policy.
 */
export const monitoringRiskPoints = pgTable(
  'monitoring_risk_points',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    riskLevel: text('risk_level').notNull(),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    area: jsonb('area').$type<{ type: 'Polygon'; coordinates: [[number, number][]] }>(),
    areaCode: text('area_code').notNull(),
    departmentId: text('department_id').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    controls: text('controls').array().notNull(),
    inspectionEveryDays: integer('inspection_every_days').notNull(),
    lastInspectedAt: instant('last_inspected_at'),
    nextInspectionDue: instant('next_inspection_due').notNull(),
    /** The due date an overdue alarm was raised for: one alarm per missed inspection. */
    overdueAlarmedFor: instant('overdue_alarmed_for'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('monitoring_risk_points_due_idx').on(t.nextInspectionDue),
    index('monitoring_risk_points_department_idx').on(t.departmentId, t.id),
  ],
);

export const monitoringRiskAssessments = pgTable(
  'monitoring_risk_assessments',
  {
    id: uuid('id').primaryKey(),
    riskPointId: uuid('risk_point_id')
      .notNull()
      .references(() => monitoringRiskPoints.id),
    riskLevel: text('risk_level').notNull(),
    previousLevel: text('previous_level').notNull(),
    method: text('method').notNull(),
    findings: text('findings').notNull(),
    assessedBy: uuid('assessed_by').notNull(),
    assessedAt: instant('assessed_at').notNull(),
  },
  (t) => [index('monitoring_risk_assessments_point_idx').on(t.riskPointId, t.assessedAt)],
);

export const monitoringRiskInspections = pgTable(
  'monitoring_risk_inspections',
  {
    id: uuid('id').primaryKey(),
    riskPointId: uuid('risk_point_id')
      .notNull()
      .references(() => monitoringRiskPoints.id),
    inspectedAt: instant('inspected_at').notNull(),
    findings: text('findings').notNull(),
    hazardsFound: boolean('hazards_found').notNull(),
    inspectedBy: uuid('inspected_by').notNull(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [index('monitoring_risk_inspections_point_idx').on(t.riskPointId, t.inspectedAt)],
);

/** 联防联控 responsibility matrix: one row per department. */
export const monitoringResponsibilities = pgTable('monitoring_responsibilities', {
  departmentId: text('department_id').primaryKey(),
  departmentName: text('department_name').notNull(),
  riskTypes: text('risk_types').array().notNull(),
  areaCodes: text('area_codes').array().notNull(),
  warningCategories: text('warning_categories').array().notNull(),
  minWarningLevel: text('min_warning_level').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** What reached each department; `occurrence` makes a repeated delivery a no-op. */
export const monitoringInbox = pgTable(
  'monitoring_inbox',
  {
    id: uuid('id').primaryKey(),
    departmentId: text('department_id').notNull(),
    kind: text('kind').notNull(),
    refId: uuid('ref_id').notNull(),
    occurrence: text('occurrence').notNull(),
    title: text('title').notNull(),
    level: text('level'),
    exercise: boolean('exercise').notNull(),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [
    uniqueIndex('monitoring_inbox_occurrence_idx').on(
      t.departmentId,
      t.kind,
      t.refId,
      t.occurrence,
    ),
    index('monitoring_inbox_department_idx').on(t.departmentId, t.id),
  ],
);
