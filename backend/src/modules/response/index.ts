import { Router } from 'express';
import { responseRoutes, type AppRegistry, type RouteContract } from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import type { PersonalDataHolder } from '../../platform/access/destruction.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { MapLayerSource } from '../../platform/realtime/layer-source.ts';
import { incidentsMapSource } from './map-source.ts';
import type { ResponseDeps } from './deps.ts';
import { incidentRouter } from './routes.ts';
import { workRouter } from './routes-work.ts';
import { responseConsumers } from './consumers.ts';
import { responsePeopleHolder } from './people.ts';
import { overdueReportsSweep } from './sweep.ts';

export type { ResponseDeps } from './deps.ts';
export { readIncidentMapItems, incidentMapItem } from './map.ts';
export { seedResponseDemo } from './seed.ts';
export { DEMO_FLOOD_PLAN, DEMO_PLAN_ID, DEMO_DEPARTMENTS } from './demo-plan.ts';

export interface ResponseModule {
  router: Router;
  /** Its HTTP contracts, for the OpenAPI document. */
  routes: RouteContract[];
  consumers: ConsumerDefinition<AppRegistry>[];
  /** People named for an incident (reporters, casualties, contacts), destroyed when it closes. */
  personalDataHolders: PersonalDataHolder[];
  /** Overdue information reports. */
  sweeps: Sweep[];
  /** The command map's incidents, with grade and response-level badges. */
  mapLayers: readonly MapLayerSource[];
}

/**
 * Incidents and the response to them (issue 6): reports with deadlines, grading, plans as data,
 * response levels, departments' tasks, recovery and the evaluation.
 */
export function createResponseModule(d: ResponseDeps): ResponseModule {
  const router = Router();
  router.use(incidentRouter(d), workRouter(d));
  return {
    router,
    routes: Object.values(responseRoutes),
    consumers: responseConsumers,
    personalDataHolders: [responsePeopleHolder()],
    sweeps: [overdueReportsSweep(d)],
    mapLayers: [incidentsMapSource],
  };
}
