import {
  EVENT_SOURCES,
  sourceOf,
  type EventData,
  type EventRegistry,
  type EventType,
  type TEventEnvelope,
} from '@muster/contracts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';

/** An event as a module states it; the outbox fills in the envelope. */
export interface EventDraft<R extends EventRegistry, T extends EventType<R> = EventType<R>> {
  type: T;
  data: EventData<T, R>;
  /** A user id, or `system`. */
  actor: string;
  incidentId?: string;
  exercise?: boolean;
  /** The drill run of an exercise event. */
  drillRunId?: string;
  correlationId?: string;
}

/** Writes events into the outbox of the given transaction. */
export interface Outbox<R extends EventRegistry> {
  /**
   * Appends events to the outbox inside the caller's transaction, so they are published if and
   * only if the transaction commits. Each `data` is parsed by its type's schema first.
   */
  append(tx: Executor, drafts: readonly EventDraft<R>[]): Promise<TEventEnvelope[]>;
}

export function createOutbox<R extends EventRegistry>(registry: R, clock: Clock): Outbox<R> {
  return {
    async append(tx, drafts) {
      if (drafts.length === 0) return [];
      const occurredAt = clock.now().toISOString();
      const envelopes = drafts.map((d): TEventEnvelope => {
        const def = registry[d.type];
        if (!def) throw new Error(`unregistered event type ${d.type}`);
        const source = sourceOf(d.type);
        if (!EVENT_SOURCES.includes(source))
          throw new Error(`event type ${d.type} names no module`);
        const id = newId();
        return {
          id,
          type: d.type,
          version: def.version,
          occurredAt,
          source,
          actor: d.actor,
          ...(d.incidentId ? { incidentId: d.incidentId } : {}),
          exercise: d.exercise ?? false,
          ...(d.drillRunId ? { drillRunId: d.drillRunId } : {}),
          correlationId: d.correlationId ?? id,
          data: def.schema.parse(d.data),
        };
      });
      // Constant statement text whatever the count: prepared and planned once per connection.
      await tx.execute(sql`
        insert into outbox (id, type, envelope)
        select unnest(${sql.param(envelopes.map((e) => e.id))}::uuid[]),
               unnest(${sql.param(envelopes.map((e) => e.type))}::text[]),
               unnest(${sql.param(envelopes.map((e) => JSON.stringify(e)))}::text[])::jsonb`);
      return envelopes;
    },
  };
}
