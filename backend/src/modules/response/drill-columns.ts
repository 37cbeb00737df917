import { boolean, uuid } from 'drizzle-orm/pg-core';

/**
 * Every record that belongs to an incident carries `exercise` and `drill_run_id` (drills are
 * incidents with exercise: true), so a drill's records are told apart without a join.
 */
export const drill = () => ({
  exercise: boolean('exercise').notNull(),
  drillRunId: uuid('drill_run_id'),
});
