import type { AppRegistry, EventType } from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import type { RequisitionDeps } from './deps.ts';
import { claimFromStandDown } from './callup-claims.ts';
import { noteIncident } from './incidents.ts';
import { dueOnTermination } from './overdue.ts';

type Def<T extends EventType> = ConsumerDefinition<AppRegistry, T>;

/**
 * What this module learns from other modules: its read model of incidents (drill flags from the
 * envelope), the end of a response (everything due back now), and stand-downs (call-up claims).
 * Each is idempotent by event id (the runner) and by natural keys (a repeated fact changes
 * nothing).
 */
export function requisitionConsumers(d: RequisitionDeps): ConsumerDefinition<AppRegistry>[] {
  const reported: Def<'response.incident.reported'> = {
    module: 'requisition',
    name: 'on-incident-reported',
    types: ['response.incident.reported'],
    handle: (e, tx) =>
      noteIncident(tx, {
        incidentId: e.data.incidentId,
        exercise: e.exercise,
        drillRunId: e.drillRunId,
        title: e.data.title,
        reportedAt: new Date(e.data.awareAt),
      }),
  };
  const terminated: Def<'response.level.terminated'> = {
    module: 'requisition',
    name: 'on-level-terminated',
    types: ['response.level.terminated'],
    async handle(e, tx) {
      const at = new Date(e.data.terminatedAt);
      await noteIncident(tx, {
        incidentId: e.data.incidentId,
        exercise: e.exercise,
        drillRunId: e.drillRunId,
        terminatedAt: at,
      });
      await dueOnTermination(d, tx, e.data.incidentId, at, {
        exercise: e.exercise,
        drillRunId: e.drillRunId ?? null,
      });
    },
  };
  const closed: Def<'response.incident.closed'> = {
    module: 'requisition',
    name: 'on-incident-closed',
    types: ['response.incident.closed'],
    handle: (e, tx) =>
      noteIncident(tx, {
        incidentId: e.data.incidentId,
        exercise: e.exercise,
        drillRunId: e.drillRunId,
        closedAt: new Date(e.data.closedAt),
      }),
  };
  const stoodDown: Def<'forces.callup.stood_down'> = {
    module: 'requisition',
    name: 'on-callup-stood-down',
    types: ['forces.callup.stood_down'],
    handle: (e, tx) => claimFromStandDown(d, tx, e),
  };
  return [reported, terminated, closed, stoodDown] as ConsumerDefinition<AppRegistry>[];
}
