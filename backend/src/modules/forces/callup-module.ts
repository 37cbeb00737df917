import { forcesCallupRoutes } from '@muster/contracts';
import { openLatestValues } from '../../platform/bus/latest-values.ts';
import type { CallupContext, CallupDeps, LastPosition } from './callup-deps.ts';
import { createMatchingFeed } from './callup-matching-feed.ts';
import { callupRouter } from './callup-routes.ts';
import { closeIncidentCallups } from './callup-service.ts';
import { ackDeadlineSweep } from './dispatch-sweep.ts';
import { incidentConsumers } from './incidents-consumers.ts';
import { positionsHolder } from './positions-holder.ts';
import type { ForcesModule } from './index.ts';
import { createPositionReporter } from './positions-service.ts';

/** The call-up half of the forces module, assembled for `createForcesModule`. */
export type CallupPart = Omit<ForcesModule, 'mapLayers'>;

/**
 * Call-ups, dispatch, deployment and positions: the incident read model (consumer), the
 * acknowledgement sweep, the positions holder for destruction at an incident's end, and the
 * routes, sharing one matching index per process.
 */
export function createCallupPart(d: CallupDeps): CallupPart {
  const c: CallupContext = {
    ...d,
    matching: createMatchingFeed(d),
    ...(d.bus && d.streams
      ? {
          // A team reporting twice a second costs one KV write a second.
          lastPositions: openLatestValues<LastPosition>(d.bus.nc, d.streams.lastPositionsBucket, {
            coalesceMs: 1_000,
            onError: (err) =>
              d.logger.warn({ err }, 'last positions not written; the next will be'),
          }),
        }
      : {}),
  };
  return {
    router: callupRouter(c, createPositionReporter(c)),
    routes: Object.values(forcesCallupRoutes),
    consumers: [
      incidentConsumers(c, async (tx, incidentId, closedAt) => {
        for (const teamId of await closeIncidentCallups(c, tx, incidentId, closedAt))
          c.matching.touched(teamId);
      }),
    ],
    personalDataHolders: [positionsHolder(c)],
    sweeps: [ackDeadlineSweep(c)],
    async stop() {
      await c.matching.stop();
      await c.lastPositions?.close();
    },
  };
}
