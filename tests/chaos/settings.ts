/**
 * Backend settings for runs under faults: short ticks and polls so convergence is quick to see,
 * a short acknowledgement wait so a message held by a killed consumer is redelivered within
 * seconds, cheap password hashing (sessions are made in the database anyway).
 */
export const FAULT_RUN_SETTINGS = {
  REALTIME_TICK_MS: '50',
  OUTBOX_POLL_MS: '250',
  CONSUMER_ACK_WAIT_MS: '5000',
  SWEEP_EVERY_MS: '60000',
  DATABASE_POOL_MAX: '5',
  PIPELINE_POOL_MAX: '4',
} as const;
