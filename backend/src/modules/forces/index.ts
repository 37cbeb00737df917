import type { Router } from 'express';
import {
  forcesRegistryRoutes,
  forcesRoutes,
  type AppRegistry,
  type RouteContract,
} from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import type { PersonalDataHolder } from '../../platform/access/destruction.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { ForcesDeps } from './deps.ts';
import { forcesRouter } from './routes.ts';
import { standDownHoursConsumer } from './hours-consumer.ts';
import { lapseSweep } from './lifecycle-service.ts';
import { readinessSweep } from './readiness-sweep.ts';
import { reminderSweep } from './reminder-sweep.ts';

export type { ForcesDeps } from './deps.ts';

export interface ForcesModule {
  router: Router;
  /** Its HTTP contracts, for the OpenAPI document. */
  routes: RouteContract[];
  consumers: ConsumerDefinition<AppRegistry>[];
  /** Filing data is kept for the registry, not per incident: nothing to destroy at an incident's end yet. */
  personalDataHolders: PersonalDataHolder[];
  /** Due work: approvals lapsing, expiry reminders, the daily readiness grade. */
  sweeps: Sweep[];
}

/**
 * The registry of social emergency forces: filing, review and its lifecycle, members,
 * maintenance, training and joint drills, readiness, service hours, search and reminders.
 */
export function createForcesModule(d: ForcesDeps): ForcesModule {
  return {
    router: forcesRouter(d),
    routes: [...Object.values(forcesRoutes), ...Object.values(forcesRegistryRoutes)],
    consumers: [standDownHoursConsumer(d)],
    personalDataHolders: [],
    sweeps: [lapseSweep(d), reminderSweep(d), readinessSweep(d)],
  };
}
