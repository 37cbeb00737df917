import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';
import { forcesMembers, forcesTeams } from './tables.ts';

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
