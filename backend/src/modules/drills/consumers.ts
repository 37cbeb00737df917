import type { AppRegistry } from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import { drillRunEvents } from './tables.ts';

/** The events a run's after-action report is measured from. */
export const MEASURED_TYPES = [
  'monitoring.threshold.crossed',
  'monitoring.warning.issued',
  'response.incident.reported',
  'response.level.activated',
  'response.report.submitted',
  'response.report.overdue',
  'forces.callup.requested',
  'forces.callup.accepted',
  'forces.callup.declined',
  'forces.team.checked_in',
] as const;

/** Keeps the measured events of every drill run (idempotent by event id). */
export function runEventsConsumer(): ConsumerDefinition<
  AppRegistry,
  (typeof MEASURED_TYPES)[number]
> {
  return {
    module: 'drills',
    name: 'run-events',
    types: MEASURED_TYPES,
    async handle(e, tx) {
      if (!e.exercise || !e.drillRunId) return;
      await tx
        .insert(drillRunEvents)
        .values({
          eventId: e.id,
          runId: e.drillRunId,
          type: e.type,
          data: e.data as Record<string, unknown>,
        })
        .onConflictDoNothing();
    },
  };
}
