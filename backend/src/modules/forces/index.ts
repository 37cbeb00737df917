import type { Router } from 'express';
import { forcesRoutes, type AppRegistry, type RouteContract } from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import type { PersonalDataHolder } from '../../platform/access/destruction.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { ForcesDeps } from './deps.ts';
import { forcesRouter } from './routes.ts';

export type { ForcesDeps } from './deps.ts';

export interface ForcesModule {
  router: Router;
  /** Its HTTP contracts, for the OpenAPI document. */
  routes: RouteContract[];
  consumers: ConsumerDefinition<AppRegistry>[];
  /** Filing data is kept for the registry, not per incident: nothing to destroy at an incident's end yet. */
  personalDataHolders: PersonalDataHolder[];
  /** Due work: none yet. */
  sweeps: Sweep[];
}

/** The registry of social emergency forces: filing, review, members (first slice of issue 4). */
export function createForcesModule(d: ForcesDeps): ForcesModule {
  return {
    router: forcesRouter(d),
    routes: Object.values(forcesRoutes),
    consumers: [],
    personalDataHolders: [],
    sweeps: [],
  };
}
