import { Router } from 'express';
import {
  forcesRegistryRoutes,
  forcesRoutes,
  type AppRegistry,
  type RouteContract,
} from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import type { PersonalDataHolder } from '../../platform/access/destruction.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { MapLayerSource } from '../../platform/realtime/layer-source.ts';
import { forcesMapSources } from './map-sources.ts';
import type { ForcesDeps } from './deps.ts';
import { forcesRouter } from './routes.ts';
import { standDownHoursConsumer } from './hours-consumer.ts';
import { drillJointDrillConsumer } from './drill-consumer.ts';
import { lapseSweep } from './lifecycle-service.ts';
import { readinessSweep } from './readiness-sweep.ts';
import { reminderSweep } from './reminder-sweep.ts';
import type { CallupRuntime } from './callup-deps.ts';
import { createCallupPart } from './callup-module.ts';

export type { ForcesDeps } from './deps.ts';
export type { CallupRuntime } from './callup-deps.ts';
export {
  CALLUP_BOARD_EVENT_TYPES,
  CALLUP_BOARD_LAYER,
  callupBoardItem,
  type CallupBoardEvent,
  type CallupBoardPush,
} from './callup-board.ts';

export interface ForcesModule {
  router: Router;
  /** Its HTTP contracts, for the OpenAPI document. */
  routes: RouteContract[];
  consumers: ConsumerDefinition<AppRegistry>[];
  /** Per incident: deployed teams' position tracks and last positions (`forces.positions`). */
  personalDataHolders: PersonalDataHolder[];
  /**
   * Due work: approvals lapsing, expiry reminders, the daily readiness grade, acknowledgement
   * deadlines of call-up alerts.
   */
  sweeps: Sweep[];
  /** The command map's teams (available and deployed) and the live call-up board. */
  mapLayers: readonly MapLayerSource[];
  /** Stops what the module reads on its own (the matching index's feed of team changes). */
  stop(): Promise<void>;
}

/**
/**
 * Social emergency forces: the registry (filing, review and its lifecycle, members, maintenance,
 * training and joint drills, readiness, service hours, search and reminders) and call-ups
 * (incident read model, matching, dispatch, deployment, positions, stand-down).
 */
export function createForcesModule(d: ForcesDeps & CallupRuntime): ForcesModule {
  const callups = createCallupPart(d);
  return {
    router: Router().use(forcesRouter(d), callups.router),
    routes: [
      ...Object.values(forcesRoutes),
      ...Object.values(forcesRegistryRoutes),
      ...callups.routes,
    ],
    consumers: [standDownHoursConsumer(d), drillJointDrillConsumer(d), ...callups.consumers],
    personalDataHolders: [...callups.personalDataHolders],
    sweeps: [lapseSweep(d), reminderSweep(d), readinessSweep(d), ...callups.sweeps],
    mapLayers: [...forcesMapSources],
    stop: () => callups.stop(),
  };
}
