import { z } from 'zod';
import { ZInstant } from '../ids.ts';

/** A backend process started with these roles. */
export const ZInstanceStarted = z.object({
  instanceId: z.string().min(1).max(100),
  roles: z.array(z.enum(['api', 'consumers', 'realtime'])).min(1),
  version: z.string().max(50),
});

/**
 * A synthetic event sent through the whole write and read path (outbox → JetStream → consumer)
 * to measure its latency end to end; nothing but the probe consumer acts on it.
 */
export const ZProbeSent = z.object({
  seq: z.number().int().nonnegative(),
  sentAt: ZInstant,
  note: z.string().max(200).optional(),
});
