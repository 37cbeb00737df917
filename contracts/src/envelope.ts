import { z } from 'zod';
import { ZInstant, ZUuid, ZUuidV7 } from './ids.ts';

/** The modules that own events. A subject's second word is always one of these. */
export const EVENT_SOURCES = [
  'system',
  'forces',
  'monitoring',
  'response',
  'requisition',
  'drills',
] as const;
export const ZEventSource = z.enum(EVENT_SOURCES);
export type EventSource = z.infer<typeof ZEventSource>;

/** `<context>.<entity>.<past-tense verb>`: lower-case words, underscores inside a word. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z_]*\.[a-z][a-z_]*\.[a-z][a-z_]*$/;

/** A user id, or `system` for what the software did on its own. */
export const ZActor = z.union([z.literal('system'), ZUuid]);

/**
 * The one envelope of every event (ADR 0001). `id` is also the JetStream `Nats-Msg-Id`,
 * so a re-published outbox row is dropped by the stream's de-duplication window.
 */
export const ZEventEnvelope = z.object({
  id: ZUuidV7,
  type: z.string().regex(EVENT_TYPE_PATTERN),
  version: z.number().int().min(1),
  occurredAt: ZInstant,
  source: ZEventSource,
  actor: ZActor,
  incidentId: ZUuid.optional(),
  exercise: z.boolean(),
  /** The drill run an exercise event belongs to (with `exercise: true`). */
  drillRunId: ZUuid.optional(),
  correlationId: ZUuid,
  data: z.unknown(),
});
export type TEventEnvelope = z.infer<typeof ZEventEnvelope>;

/** An envelope whose `data` has been parsed by the schema of its type. */
export type TEvent<T extends string, D> = Omit<TEventEnvelope, 'type' | 'data'> & {
  type: T;
  data: D;
};
