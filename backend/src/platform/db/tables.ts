import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Events appended in the same transaction as the state change that caused them (ADR 0002).
 * The relay publishes unsent rows in `seq` order and stamps `sent_at`.
 */
export const outbox = pgTable(
  'outbox',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    type: text('type').notNull(),
    envelope: jsonb('envelope').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_unsent_idx')
      .on(t.seq)
      .where(sql`${t.sentAt} is null`),
    index('outbox_sent_at_idx')
      .on(t.sentAt)
      .where(sql`${t.sentAt} is not null`),
  ],
);

/** The event ids each consumer has applied, written in the same transaction as the effect. */
export const consumedEvents = pgTable(
  'consumed_events',
  {
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

/**
 * What the pipeline probe consumer applied, one row per application, with its end-to-end latency.
 * Deliberately not unique by event: a duplicate application would show as a second row.
 */
export const probeReceipts = pgTable(
  'probe_receipts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull(),
    seq: integer('seq').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 6 }).notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true, precision: 6 })
      .notNull()
      .default(sql`clock_timestamp()`),
    instance: text('instance').notNull(),
  },
  (t) => [index('probe_receipts_event_idx').on(t.eventId)],
);

/**
 * The simulated clock of each drill run: its time is `sim_anchor + (real − real_anchor) × speed`,
 * or `sim_anchor` while paused. Every module reads a drill's records' time from here (in SQL,
 * `muster_sim_now(run, real)`; in code, `RunClocks.now`), so one run has one time everywhere.
 */
export const simClocks = pgTable('sim_clocks', {
  runId: uuid('run_id').primaryKey(),
  speed: doublePrecision('speed').notNull(),
  simAnchor: timestamp('sim_anchor', { withTimezone: true, precision: 3 }).notNull(),
  realAnchor: timestamp('real_anchor', { withTimezone: true, precision: 3 }).notNull(),
  paused: boolean('paused').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
