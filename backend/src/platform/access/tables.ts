import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant } from '../db/columns.ts';

/** Sign-in accounts. `display_name` and `phone` are contact information (not encrypted). */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    role: text('role').notNull(),
    status: text('status').notNull(),
    teamId: uuid('team_id'),
    departmentId: text('department_id'),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: instant('password_changed_at').notNull().defaultNow(),
    createdAt: instant('created_at').notNull().defaultNow(),
    approvedBy: uuid('approved_by'),
    approvedAt: instant('approved_at'),
  },
  (t) => [uniqueIndex('accounts_username_idx').on(t.username)],
);

/** Opaque session tokens, stored only as their SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    client: text('client').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** Failed log-ins per key (`account:<username>` or `address:<ip>`), for growing delays. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: instant('last_failure_at').notNull(),
  blockedUntil: instant('blocked_until'),
});

/**
 * Purposes that let a viewer see personal information whole: a commander commands an incident;
 * a team is deployed to an incident. Modules grant and end them from their events.
 */
export const accessGrants = pgTable(
  'access_grants',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    incidentId: uuid('incident_id').notNull(),
    accountId: uuid('account_id'),
    teamId: uuid('team_id'),
    grantedAt: instant('granted_at').notNull(),
    endedAt: instant('ended_at'),
    sourceEventId: uuid('source_event_id'),
  },
  (t) => [
    index('access_grants_account_idx')
      .on(t.accountId)
      .where(sql`${t.endedAt} is null`),
    index('access_grants_team_idx')
      .on(t.teamId)
      .where(sql`${t.endedAt} is null`),
    index('access_grants_incident_idx').on(t.incidentId),
  ],
);

/**
 * The append-only, hash-chained audit log. `seq` is assigned by the one serialised writer (no
 * sequence, so a deleted entry leaves a detectable gap); `hash` = SHA-256(prev_hash ‖ canonical
 * content). Ids only: never a personal value.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    field: text('field'),
    purpose: text('purpose'),
    legalBasis: text('legal_basis'),
    outcome: text('outcome').notNull(),
    detail: jsonb('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_actor_idx').on(t.actor, t.seq),
    index('audit_log_action_idx').on(t.action, t.seq),
    index('audit_log_subject_idx').on(t.subjectId, t.seq),
  ],
);

/**
 * A recorded decision to keep some personal information of an incident past the end of the
 * response (evidence, investigation): what, why, the assessment, who approved, until when.
 */
export const personalHolds = pgTable(
  'personal_holds',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    holder: text('holder').notNull(),
    category: text('category').notNull(),
    subjectIds: jsonb('subject_ids').notNull(),
    reason: text('reason').notNull(),
    assessment: text('assessment').notNull(),
    approvedBy: uuid('approved_by').notNull(),
    until: instant('until').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    releasedAt: instant('released_at'),
  },
  (t) => [index('personal_holds_incident_idx').on(t.incidentId)],
);

/** One destruction job per incident whose response ended; survives restarts until done. */
export const destructionJobs = pgTable('destruction_jobs', {
  incidentId: uuid('incident_id').primaryKey(),
  exercise: boolean('exercise').notNull().default(false),
  requestedAt: instant('requested_at').notNull(),
  sourceEventId: uuid('source_event_id'),
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /** When held items fall due, the job runs again. */
  nextRunAt: instant('next_run_at').notNull(),
  completedAt: instant('completed_at'),
});

/** What was destroyed, when and by which rule — never the data itself. */
export const destructionRecords = pgTable(
  'destruction_records',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    holder: text('holder').notNull(),
    category: text('category').notNull(),
    rule: text('rule').notNull(),
    destroyed: integer('destroyed').notNull(),
    keptUnderHold: integer('kept_under_hold').notNull(),
    holdIds: jsonb('hold_ids').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [index('destruction_records_incident_idx').on(t.incidentId)],
);
