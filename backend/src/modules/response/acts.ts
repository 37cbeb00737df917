import type { AppRegistry, TEventEnvelope } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import type { EventDraft } from '../../platform/bus/outbox.ts';
import type { AuditInput } from '../../platform/access/audit-writer.ts';
import type { ResponseDeps } from './deps.ts';
import { drillFields, recordOf, type RecordTime } from './record-clock.ts';
import { appendTimeline, type TimelineData } from './timeline.ts';

type Draft = EventDraft<AppRegistry>;

/** What one action on an incident leaves behind, besides its own rows. */
export interface Act {
  /** Its line on the incident's timeline. */
  line: { kind: string; zh: string; en: string; data?: TimelineData };
  /** The events it causes; the actor and the incident's drill fields are filled in. */
  events?: Omit<Draft, 'actor' | 'incidentId' | 'exercise' | 'drillRunId'>[];
  /** Its audit entry; the subject is the incident unless named. */
  audit?: Pick<AuditInput, 'action' | 'legalBasis' | 'detail' | 'subjectType' | 'subjectId'>;
}

/**
 * Records an action on an incident in the caller's transaction: the timeline line, the events
 * (outbox) and the audit entry commit with the change itself, or not at all.
 */
export async function recordAct(
  d: Pick<ResponseDeps, 'outbox' | 'audit'>,
  tx: Executor,
  inc: RecordTime & { id: string },
  o: { actor: string; at: Date },
  act: Act,
): Promise<TEventEnvelope[]> {
  await appendTimeline(tx, [
    {
      ...recordOf(inc),
      incidentId: inc.id,
      at: o.at,
      source: 'response',
      actor: o.actor,
      ...act.line,
    },
  ]);
  const envelopes = await d.outbox.append(
    tx,
    (act.events ?? []).map((e) => ({ ...e, actor: o.actor, ...drillFields(inc) })),
  );
  if (act.audit)
    await d.audit.append(
      { subjectType: 'incident', subjectId: inc.id, ...act.audit, actor: o.actor },
      tx,
    );
  return envelopes;
}
