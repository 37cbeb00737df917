import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Capability, TCallupCompensationTerms } from '@muster/contracts';
import { instant } from '../../platform/db/columns.ts';

/**
 * The forces module's read model of incidents, kept from the response module's events. Events
 * of different types arrive in no set order, so every field carries the time it is true from
 * and a row may exist (from a grading, say) before its report arrived (`reported_at` null).
 */
export const forcesIncidents = pgTable(
  'forces_incidents',
  {
    id: uuid('id').primaryKey(),
    title: text('title'),
    category: text('category'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    areaCodes: text('area_codes')
      .array()
      .notNull()
      .default(sql`'{}'`),
    grade: text('grade'),
    gradedAt: instant('graded_at'),
    level: text('level'),
    levelAt: instant('level_at'),
    commanderAccountId: uuid('commander_account_id'),
    /** `open` until `response.incident.closed`; closed is final. */
    status: text('status').notNull(),
    exercise: boolean('exercise').notNull(),
    drillRunId: uuid('drill_run_id'),
    reportedAt: instant('reported_at'),
    terminatedAt: instant('terminated_at'),
    closedAt: instant('closed_at'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('forces_incidents_status_idx').on(t.status, t.id)],
);

/** Call-up orders (调用令): what was asked, on which terms and legal basis, fixed when ordered. */
export const forcesCallups = pgTable(
  'forces_callups',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    exercise: boolean('exercise').notNull(),
    drillRunId: uuid('drill_run_id'),
    status: text('status').notNull(),
    needs: jsonb('needs').$type<{ capability: Capability; count: number }[]>().notNull(),
    /** Needs for which escalation found no further eligible team. */
    exhausted: text('exhausted')
      .array()
      .notNull()
      .default(sql`'{}'`),
    rallyLon: doublePrecision('rally_lon').notNull(),
    rallyLat: doublePrecision('rally_lat').notNull(),
    rallyAddress: text('rally_address').notNull(),
    windowFrom: instant('window_from').notNull(),
    windowTo: instant('window_to').notNull(),
    task: text('task').notNull(),
    legalBasis: text('legal_basis').notNull(),
    terms: jsonb('terms').$type<TCallupCompensationTerms>().notNull(),
    insuranceRequired: boolean('insurance_required').notNull(),
    insuranceNote: text('insurance_note'),
    maxDistanceKm: doublePrecision('max_distance_km'),
    ackMinutes: integer('ack_minutes').notNull(),
    autoEscalate: boolean('auto_escalate').notNull(),
    /** When every need was first met (the `filled` event is sent once). */
    filledAt: instant('filled_at'),
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: instant('requested_at').notNull(),
    closedAt: instant('closed_at'),
    closedBy: text('closed_by'),
    closeReason: text('close_reason'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('forces_callups_incident_idx').on(t.incidentId, t.id),
    index('forces_callups_status_idx').on(t.status, t.id),
  ],
);

/** What a stand-down recorded: the basis of service hours and call-up compensation. */
export interface StandDownRecord {
  people: { memberId: string; hours: number }[];
  equipment: { kind: string; count: number; hours: number }[];
  expenses: { description: string; fen: number }[];
}

/**
 * One team on one call-up: alerted, then answered once (the unique key and a conditional update
 * make a second answer change nothing), then deployed until stood down.
 */
export const forcesCallupAssignments = pgTable(
  'forces_callup_assignments',
  {
    id: uuid('id').primaryKey(),
    callupId: uuid('callup_id')
      .notNull()
      .references(() => forcesCallups.id),
    incidentId: uuid('incident_id').notNull(),
    teamId: uuid('team_id').notNull(),
    capability: text('capability').notNull(),
    exercise: boolean('exercise').notNull(),
    drillRunId: uuid('drill_run_id'),
    status: text('status').notNull(),
    deployment: text('deployment'),
    alertedAt: instant('alerted_at').notNull(),
    alertedBy: text('alerted_by').notNull(),
    ackDeadline: instant('ack_deadline').notNull(),
    escalatedFrom: uuid('escalated_from'),
    answeredAt: instant('answered_at'),
    answeredBy: uuid('answered_by'),
    people: integer('people'),
    memberIds: uuid('member_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    declineReason: text('decline_reason'),
    checkedInAt: instant('checked_in_at'),
    statusAt: instant('status_at'),
    stoodDownAt: instant('stood_down_at'),
    stoodDownBy: text('stood_down_by'),
    standDown: jsonb('stand_down').$type<StandDownRecord>(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('forces_callup_assignments_callup_team_idx').on(t.callupId, t.teamId),
    index('forces_callup_assignments_team_idx').on(t.teamId, t.status),
    index('forces_callup_assignments_due_idx').on(t.status, t.ackDeadline),
    index('forces_callup_assignments_incident_idx').on(t.incidentId, t.status),
  ],
);

/**
 * The last report taken from each device (account): refuses reports that come too often and
 * drops those older than one already taken, whichever instance receives them.
 */
export const forcesPositionReporters = pgTable('forces_position_reporters', {
  accountId: uuid('account_id').primaryKey(),
  reportedAt: instant('reported_at').notNull(),
  receivedAt: instant('received_at').notNull(),
});

/**
 * Positions of deployed teams, kept for the incident (after-action review) and destroyed when it
 * closes unless a hold keeps them. The coordinates are sealed (live location is sensitive).
 */
export const forcesPositionTracks = pgTable(
  'forces_position_tracks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    teamId: uuid('team_id').notNull(),
    memberId: uuid('member_id'),
    accountId: uuid('account_id').notNull(),
    exercise: boolean('exercise').notNull(),
    reportedAt: instant('reported_at').notNull(),
    receivedAt: instant('received_at').notNull(),
    /** `{ lon, lat, accuracyM? }` sealed with the platform sealer. */
    sealed: text('sealed').notNull(),
  },
  (t) => [index('forces_position_tracks_incident_idx').on(t.incidentId, t.teamId, t.reportedAt)],
);
