import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TAfterActionReport, TScenario } from '@muster/contracts';
import { instant } from '../../platform/db/columns.ts';

/** Scenarios ready to run from the duty console (the seeded demo among them), as files. */
export const drillScenarios = pgTable('drills_scenarios', {
  id: uuid('id').primaryKey(),
  /** A seeded scenario's stable name (`beibei-jialing-flood`); null for an uploaded one. */
  slug: text('slug').unique(),
  name: text('name').notNull(),
  yaml: text('yaml').notNull(),
  createdAt: instant('created_at').notNull(),
});

/** What a run made for itself: drill accounts, simulated teams, points, the incident. */
export interface RunCast {
  /** Drill accounts by role: duty (proposes), approver (second officer), commander. */
  accounts: Partial<Record<'duty' | 'approver' | 'commander', string>>;
  /** Scenario team key → team (simulated: filed for the run; real: registered). */
  teams: Record<
    string,
    { teamId: string; name: string; simulated: boolean; leaderAccountId: string | null }
  >;
  /** Scenario point key → monitoring point id. */
  points: Record<string, string>;
  callupId: string | null;
  warningIds: string[];
  planId: string | null;
}

export const drillRuns = pgTable(
  'drills_runs',
  {
    id: uuid('id').primaryKey(),
    scenarioId: uuid('scenario_id'),
    name: text('name').notNull(),
    scenario: jsonb('scenario').$type<TScenario>().notNull(),
    status: text('status').notNull(),
    speed: doublePrecision('speed').notNull(),
    simStart: instant('sim_start').notNull(),
    simEnd: instant('sim_end'),
    /** The next inject to perform (index into the scenario's timeline). */
    nextInject: integer('next_inject').notNull(),
    incidentId: uuid('incident_id'),
    cast: jsonb('cast').$type<RunCast>().notNull(),
    startedBy: uuid('started_by'),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    removedAt: instant('removed_at'),
    report: jsonb('report').$type<TAfterActionReport>(),
    /**
     * The process playing the run (its `INSTANCE_ID`) and until when its lease holds: renewed
     * while it plays; another process takes a running or paused run over once it lapses.
     */
    playerId: text('player_id'),
    leaseUntil: instant('lease_until'),
    /**
     * The step being performed, set with the clock held at its time before its first API call and
     * cleared when its outcome is logged: a player that finds it set logs it `interrupted` instead
     * of performing it again. `PREPARING` while the run makes its cast.
     */
    inFlight: integer('in_flight'),
  },
  (t) => [index('drills_runs_status_idx').on(t.status)],
);

/** `in_flight` while a run makes its accounts, points and teams (before its first step). */
export const PREPARING = -1;

/** Each inject as performed: its simulated time and what came of it. */
export const drillInjectLog = pgTable(
  'drills_inject_log',
  {
    runId: uuid('run_id').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    offsetS: integer('offset_s').notNull(),
    at: instant('at').notNull(),
    outcome: text('outcome').notNull(),
    detail: text('detail').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** The events of a run the after-action report is measured from (their own times, simulated). */
export const drillRunEvents = pgTable(
  'drills_run_events',
  {
    eventId: uuid('event_id').primaryKey(),
    runId: uuid('run_id').notNull(),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('drills_run_events_run_idx').on(t.runId, t.type)],
);
