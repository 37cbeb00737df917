import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
import { instant } from '../../platform/db/columns.ts';

/** Money in fen as a bigint column read as a JS number (ZFen caps it at 2^53 − 1). */
const fen = (name: string) => bigint(name, { mode: 'number' });

/**
 * The incidents this module has heard of (`response.*` events): whether they are drills, and
 * whether their response has ended. Fields arrive in any order, so each is nullable until seen.
 */
export const requisitionIncidents = pgTable('requisition_incidents', {
  incidentId: uuid('incident_id').primaryKey(),
  title: text('title'),
  exercise: boolean('exercise').notNull(),
  drillRunId: uuid('drill_run_id'),
  reportedAt: instant('reported_at'),
  terminatedAt: instant('terminated_at'),
  closedAt: instant('closed_at'),
});

/**
 * Orders. The owner's name, phone and address are contact information (plain, shown per policy);
 * a person's ID number is sealed. All four are erased when the incident's personal information
 * is destroyed, unless a hold keeps them for compensation and remedy (`owner_hold_id`).
 */
export const requisitionOrders = pgTable(
  'requisition_orders',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    exercise: boolean('exercise').notNull(),
    drillRunId: uuid('drill_run_id'),
    status: text('status').notNull(),
    requestingUnit: text('requesting_unit').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: instant('requested_at').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: instant('decided_at'),
    rejectionReason: text('rejection_reason'),
    legalBasis: text('legal_basis').notNull(),
    purpose: text('purpose').notNull(),
    ownerKind: text('owner_kind').notNull(),
    ownerUnitName: text('owner_unit_name'),
    ownerCreditCode: text('owner_credit_code'),
    ownerName: text('owner_name'),
    ownerPhone: text('owner_phone'),
    ownerAddress: text('owner_address'),
    ownerIdNumberSealed: text('owner_id_number_sealed'),
    ownerErasedAt: instant('owner_erased_at'),
    ownerHoldId: uuid('owner_hold_id'),
    ownerHoldUntil: instant('owner_hold_until'),
    placeAddress: text('place_address').notNull(),
    placeLon: doublePrecision('place_lon'),
    placeLat: doublePrecision('place_lat'),
    expectedFrom: instant('expected_from').notNull(),
    expectedUntil: instant('expected_until').notNull(),
    certificateNumber: text('certificate_number'),
    verificationCodeSealed: text('verification_code_sealed'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('requisition_orders_certificate_idx').on(t.certificateNumber),
    index('requisition_orders_incident_idx').on(t.incidentId, t.id),
  ],
);

/** Items of an order; `due_at` is the end of the expected period, or the response's end. */
export const requisitionItems = pgTable(
  'requisition_items',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => requisitionOrders.id),
    incidentId: uuid('incident_id').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    identification: text('identification').notNull(),
    quantity: text('quantity').notNull(),
    unit: text('unit').notNull(),
    conditionAtHandover: text('condition_at_handover').notNull(),
    status: text('status').notNull(),
    handedOverAt: instant('handed_over_at'),
    handedOverBy: uuid('handed_over_by'),
    handoverCondition: text('handover_condition'),
    returnedAt: instant('returned_at'),
    returnedBy: uuid('returned_by'),
    returnCondition: text('return_condition'),
    outcome: text('outcome'),
    damage: text('damage'),
    dueAt: instant('due_at').notNull(),
    overdueAt: instant('overdue_at'),
    overdueCause: text('overdue_cause'),
  },
  (t) => [
    uniqueIndex('requisition_items_order_seq_idx').on(t.orderId, t.seq),
    index('requisition_items_incident_idx').on(t.incidentId),
    // The overdue sweep reads only items in use and not yet alarmed.
    index('requisition_items_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'in_use' and ${t.overdueAt} is null`),
  ],
);

export const requisitionUseLog = pgTable(
  'requisition_use_log',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => requisitionItems.id),
    at: instant('at').notNull(),
    by: uuid('by').notNull(),
    note: text('note').notNull(),
  },
  (t) => [index('requisition_use_log_item_idx').on(t.itemId, t.at)],
);

/** Certificate numbers run per year and series (real, exercise) without gaps. */
export const requisitionCertificateCounters = pgTable(
  'requisition_certificate_counters',
  {
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.year] })],
);

/**
 * Compensation claims: one per order (property) and one per call-up and team (call-up); the
 * unique keys make a repeated order or stand-down one claim.
 */
export const requisitionClaims = pgTable(
  'requisition_claims',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    incidentId: uuid('incident_id').notNull(),
    exercise: boolean('exercise').notNull(),
    drillRunId: uuid('drill_run_id'),
    status: text('status').notNull(),
    orderId: uuid('order_id'),
    callupId: uuid('callup_id'),
    teamId: uuid('team_id'),
    terms: jsonb('terms'),
    amountFen: fen('amount_fen'),
    assessmentNo: integer('assessment_no').notNull().default(0),
    assessedBy: text('assessed_by'),
    assessedAt: instant('assessed_at'),
    assessmentNote: text('assessment_note'),
    sentBackBy: uuid('sent_back_by'),
    sentBackAt: instant('sent_back_at'),
    sentBackReason: text('sent_back_reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: instant('decided_at'),
    decisionReasons: text('decision_reasons'),
    paidFen: fen('paid_fen').notNull().default(0),
    openObjectionId: uuid('open_objection_id'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('requisition_claims_order_idx').on(t.orderId),
    uniqueIndex('requisition_claims_callup_team_idx').on(t.callupId, t.teamId),
    index('requisition_claims_incident_idx').on(t.incidentId, t.id),
  ],
);

/** Lines of each assessment; earlier assessments stay as the record of what changed. */
export const requisitionAssessmentLines = pgTable(
  'requisition_assessment_lines',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => requisitionClaims.id),
    assessmentNo: integer('assessment_no').notNull(),
    seq: integer('seq').notNull(),
    itemId: uuid('item_id'),
    method: text('method').notNull(),
    description: text('description').notNull(),
    inputs: jsonb('inputs').$type<Record<string, string | number | boolean>>().notNull(),
    amountFen: fen('amount_fen').notNull(),
    evidence: jsonb('evidence').$type<{ kind: string; reference: string; note?: string }[]>(),
    note: text('note'),
    flags: text('flags').array().notNull(),
  },
  (t) => [uniqueIndex('requisition_lines_claim_idx').on(t.claimId, t.assessmentNo, t.seq)],
);

export const requisitionPayments = pgTable(
  'requisition_payments',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => requisitionClaims.id),
    amountFen: fen('amount_fen').notNull(),
    paidOn: date('paid_on').notNull(),
    payer: text('payer').notNull(),
    reference: text('reference').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('requisition_payments_reference_idx').on(t.claimId, t.reference)],
);

export const requisitionObjections = pgTable(
  'requisition_objections',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => requisitionClaims.id),
    incidentId: uuid('incident_id').notNull(),
    exercise: boolean('exercise').notNull(),
    drillRunId: uuid('drill_run_id'),
    filedByKind: text('filed_by_kind').notNull(),
    filedBy: uuid('filed_by'),
    channel: text('channel').notNull(),
    reasons: text('reasons').notNull(),
    filedAt: instant('filed_at').notNull(),
    status: text('status').notNull(),
    reviewer: uuid('reviewer'),
    reviewStartedAt: instant('review_started_at'),
    outcome: text('outcome'),
    decidedBy: uuid('decided_by'),
    decidedAt: instant('decided_at'),
    decisionReasons: text('decision_reasons'),
  },
  (t) => [index('requisition_objections_claim_idx').on(t.claimId, t.filedAt)],
);

/** Injury insurance claims against a team's policy (the forces module owns the policies). */
export const requisitionInjuryClaims = pgTable(
  'requisition_injury_claims',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => requisitionClaims.id),
    incidentId: uuid('incident_id').notNull(),
    teamId: uuid('team_id').notNull(),
    memberId: uuid('member_id').notNull(),
    insurer: text('insurer').notNull(),
    policyNumber: text('policy_number').notNull(),
    injuredOn: date('injured_on').notNull(),
    insurerReference: text('insurer_reference'),
    status: text('status').notNull(),
    benefitFen: fen('benefit_fen'),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('requisition_injury_claims_member_idx').on(t.claimId, t.memberId, t.injuredOn),
  ],
);
