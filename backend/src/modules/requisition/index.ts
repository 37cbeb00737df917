import { Router } from 'express';
import { requisitionRoutes, type AppRegistry, type RouteContract } from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import type { PersonalDataHolder } from '../../platform/access/destruction.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { MapLayerSource } from '../../platform/realtime/layer-source.ts';
import type { RequisitionDeps } from './deps.ts';
import { claimRouter } from './claim-routes.ts';
import { requisitionConsumers } from './consumers.ts';
import { overdueSweep } from './overdue.ts';
import { ownerHoldSweep } from './owner-holds.ts';
import { ownersHolder } from './personal-data.ts';
import { publicRouter } from './public-routes.ts';
import { orderRouter } from './routes.ts';
import { requisitionMapItems, requisitionsMapSource } from './map-layer.ts';

export type { RequisitionDeps } from './deps.ts';
export { requisitionMapItems } from './map-layer.ts';

export interface RequisitionModule {
  router: Router;
  /** Its HTTP contracts, for the OpenAPI document. */
  routes: RouteContract[];
  consumers: ConsumerDefinition<AppRegistry>[];
  /** Owners' details gathered for an incident, destroyed at its end unless a hold keeps them. */
  personalDataHolders: PersonalDataHolder[];
  /** Overdue returns; renewal and release of owners' holds. */
  sweeps: Sweep[];
  /** The command map's requisitioned resources (never their owners). */
  mapLayers: readonly MapLayerSource[];
  /** The command map's requisition layer (no owner data), for the realtime gateway. */
  mapItems: (q?: { incidentId?: string }) => ReturnType<typeof requisitionMapItems>;
}

/**
 * Requisition and compensation (issue 7): orders with legal basis and four-eyes approval,
 * numbered certificates, use and return with overdue alarms, property and call-up compensation,
 * objections with the remedy notice, and the ledger.
 */
export function createRequisitionModule(d: RequisitionDeps): RequisitionModule {
  const router = Router();
  router.use(orderRouter(d), claimRouter(d), publicRouter(d));
  return {
    router,
    routes: Object.values(requisitionRoutes),
    consumers: requisitionConsumers(d),
    personalDataHolders: [ownersHolder(d)],
    sweeps: [overdueSweep(d), ownerHoldSweep(d)],
    mapLayers: [requisitionsMapSource],
    mapItems: (q = {}) => requisitionMapItems(d.db, q),
  };
}
