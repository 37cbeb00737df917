import { sql } from 'drizzle-orm';
import {
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

/**
 * Filed teams. Leader and contact names and phones are contact information (kept plain, shown per
 * policy); the base is an organisation's address. `return_reasons` holds the latest return.
 */
export const forcesTeams = pgTable(
  'forces_teams',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    creditCode: text('credit_code').notNull(),
    status: text('status').notNull(),
    baseLon: doublePrecision('base_lon').notNull(),
    baseLat: doublePrecision('base_lat').notNull(),
    baseAddress: text('base_address').notNull(),
    serviceArea: text('service_area').array().notNull(),
    leaderAccountId: uuid('leader_account_id').notNull(),
    leaderName: text('leader_name').notNull(),
    leaderPhone: text('leader_phone').notNull(),
    contacts: jsonb('contacts').$type<{ name: string; phone: string; role?: string }[]>().notNull(),
    returnReasons: jsonb('return_reasons').$type<{ field?: string; reason: string }[]>().notNull(),
    submittedAt: instant('submitted_at'),
    submittedBy: uuid('submitted_by'),
    reviewedAt: instant('reviewed_at'),
    reviewedBy: uuid('reviewed_by'),
    approvedAt: instant('approved_at'),
    approvalExpiresAt: instant('approval_expires_at'),
    /** Readiness grade (A/B/C, contracts `TEAM_READINESS_GRADES`), from training and drills. */
    readiness: text('readiness').notNull().default('C'),
    /** The China calendar day `readiness` was last computed for (the daily sweep's mark). */
    readinessCheckedOn: date('readiness_checked_on'),
    /** A renewal handed in while still approved; cleared by the review. */
    renewalSubmittedAt: instant('renewal_submitted_at'),
    /** Why the office suspended or revoked the team, when and who (lifecycle-service.ts). */
    statusReason: text('status_reason'),
    statusChangedAt: instant('status_changed_at'),
    statusChangedBy: uuid('status_changed_by'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('forces_teams_credit_code_idx').on(t.creditCode),
    index('forces_teams_status_idx').on(t.status, t.id),
    index('forces_teams_leader_idx').on(t.leaderAccountId),
    // The bounding-box prefilter of an area search (search-service.ts): no PostGIS.
    index('forces_teams_base_idx').on(t.baseLon, t.baseLat),
  ],
);

export const forcesCapabilities = pgTable(
  'forces_capabilities',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => forcesTeams.id, { onDelete: 'cascade' }),
    capability: text('capability').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.capability] }),
    index('forces_capabilities_capability_idx').on(t.capability, t.teamId),
  ],
);

export const forcesEquipment = pgTable(
  'forces_equipment',
  {
    id: uuid('id').primaryKey(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => forcesTeams.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('forces_equipment_team_idx').on(t.teamId)],
);

export const forcesInsurancePolicies = pgTable(
  'forces_insurance_policies',
  {
    id: uuid('id').primaryKey(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => forcesTeams.id, { onDelete: 'cascade' }),
    insurer: text('insurer').notNull(),
    number: text('number').notNull(),
    /** Null: the policy covers every member. */
    insuredMemberIds: uuid('insured_member_ids').array(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
  },
  (t) => [index('forces_insurance_team_idx').on(t.teamId, t.validTo)],
);

/**
 * Members. The ID number and health notes are sealed (AES-GCM, platform sealer); the ID number
 * is found by its HMAC index, unique within a team so a person is on a roll once.
 */
export const forcesMembers = pgTable(
  'forces_members',
  {
    id: uuid('id').primaryKey(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => forcesTeams.id),
    accountId: uuid('account_id'),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    idNumberSealed: text('id_number_sealed').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    emergencyContact: jsonb('emergency_contact').$type<{ name: string; phone: string }>().notNull(),
    skills: text('skills').array().notNull(),
    healthNotesSealed: text('health_notes_sealed'),
    createdAt: instant('created_at').notNull(),
    /** Taken off the roll: kept for the service-hours record, left out of everything current. */
    leftAt: instant('left_at'),
  },
  (t) => [
    uniqueIndex('forces_members_team_id_number_idx').on(t.teamId, t.idNumberIndex),
    index('forces_members_id_number_idx').on(t.idNumberIndex),
    // A position report names its member by the reporting account (positions-service.ts).
    index('forces_members_account_idx').on(t.accountId),
  ],
);

/** Certificates of members; the number is sealed like an ID number (it leads to its holder). */
export const forcesCertificates = pgTable(
  'forces_certificates',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => forcesMembers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    numberSealed: text('number_sealed').notNull(),
    expiresOn: date('expires_on').notNull(),
  },
  (t) => [index('forces_certificates_member_idx').on(t.memberId, t.expiresOn)],
);

/* The registry after filing: training, service hours, reminders (docs/forces.md). */

/**
 * Training sessions and joint drills (联训联演) of a team. Hours are kept in minutes (integers add
 * up exactly). A session recorded from a drill run carries its id, unique per team, so the drills
 * module's retry records it once.
 */
export const forcesTrainingSessions = pgTable(
  'forces_training_sessions',
  {
    id: uuid('id').primaryKey(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => forcesTeams.id),
    kind: text('kind').notNull(),
    heldOn: date('held_on').notNull(),
    partner: text('partner'),
    subject: text('subject').notNull(),
    minutes: integer('minutes').notNull(),
    source: text('source').notNull(),
    drillRunId: uuid('drill_run_id'),
    score: integer('score'),
    evaluationNote: text('evaluation_note'),
    evaluatedAt: instant('evaluated_at'),
    evaluatedBy: uuid('evaluated_by'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('forces_training_team_idx').on(t.teamId, t.heldOn),
    uniqueIndex('forces_training_drill_run_idx')
      .on(t.teamId, t.drillRunId)
      .where(sql`${t.drillRunId} is not null`),
  ],
);

/** Who attended a session, with the minutes each is credited. */
export const forcesTrainingAttendance = pgTable(
  'forces_training_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => forcesTrainingSessions.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => forcesMembers.id),
    minutes: integer('minutes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.memberId] })],
);

/**
 * Service hours per member (Volunteer Service Regulation art. 19–20). `source_key` names what
 * earned them (`session:<id>:<member>`, `callup:<id>:<team>:<member>`): unique, so a duplicated
 * stand-down or a repeated attendance write adds nothing.
 */
export const forcesServiceHours = pgTable(
  'forces_service_hours',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => forcesMembers.id),
    teamId: uuid('team_id').notNull(),
    kind: text('kind').notNull(),
    minutes: integer('minutes').notNull(),
    occurredOn: date('occurred_on').notNull(),
    sourceKey: text('source_key').notNull(),
    sessionId: uuid('session_id'),
    callupId: uuid('callup_id'),
    incidentId: uuid('incident_id'),
    exercise: boolean('exercise').notNull(),
    drillRunId: uuid('drill_run_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('forces_service_hours_source_idx').on(t.sourceKey),
    index('forces_service_hours_member_idx').on(t.memberId, t.occurredOn),
    index('forces_service_hours_team_idx').on(t.teamId, t.occurredOn),
    index('forces_service_hours_session_idx').on(t.sessionId),
  ],
);

/**
 * Reminders of expiring policies, certificates and approvals. `item_key` names the item by what
 * it is (team, number or name, and its expiry), so a policy list saved again or a certificate
 * renewed to the same day is not reminded twice; one row per item key and threshold.
 */
export const forcesReminders = pgTable(
  'forces_reminders',
  {
    id: uuid('id').primaryKey(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => forcesTeams.id),
    kind: text('kind').notNull(),
    itemKey: text('item_key').notNull(),
    itemId: uuid('item_id').notNull(),
    memberId: uuid('member_id'),
    label: text('label').notNull(),
    dueOn: date('due_on').notNull(),
    thresholdDays: integer('threshold_days').notNull(),
    raisedAt: instant('raised_at').notNull(),
    /** The item was renewed, replaced or removed; the reminder is no longer open. */
    closedAt: instant('closed_at'),
  },
  (t) => [
    uniqueIndex('forces_reminders_item_idx').on(t.itemKey, t.thresholdDays),
    index('forces_reminders_open_idx')
      .on(t.teamId, t.dueOn)
      .where(sql`${t.closedAt} is null`),
  ],
);
/** Call-ups, deployments, positions and the incident read model (issue 4, call-up half). */
export * from './callup-tables.ts';
