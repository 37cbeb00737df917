import { Router } from 'express';
import {
  monitoringRoutes,
  publicWarningRoutes,
  riskRoutes,
  warningRoutes,
  type AppRegistry,
  type RouteContract,
} from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import { startIngest, type IngestRunner } from '../../platform/bus/ingest.ts';
import type { PersonalDataHolder } from '../../platform/access/destruction.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { MapLayerSource } from '../../platform/realtime/layer-source.ts';
import { monitoringMapSources } from './map-sources.ts';
import { createCatalogue } from './catalogue.ts';
import type { MonitoringDeps } from './deps.ts';
import { readingsIngest } from './ingest.ts';
import { createRuleStateCache } from './rule-state-cache.ts';
import { mapLayers, pointLayer, riskLayer, warningLayer } from './map-layers.ts';
import { monitoringRouter } from './routes.ts';
import { riskRouter } from './routes-risks.ts';
import { warningRouter } from './routes-warnings.ts';
import { livenessSweep, overdueSweep } from './sweeps.ts';
import { expirySweep } from './warning-amend.ts';

export type { MonitoringDeps } from './deps.ts';

export interface MonitoringModule {
  router: Router;
  /** Its HTTP contracts, for the OpenAPI document. */
  routes: RouteContract[];
  consumers: ConsumerDefinition<AppRegistry>[];
  /** The risk register's contacts are kept for preparedness, not per incident: nothing to destroy. */
  personalDataHolders: PersonalDataHolder[];
  /** Warning expiry, point liveness, overdue inspections. */
  sweeps: Sweep[];
  /** The command map's warnings, monitoring points and risk points. */
  mapLayers: readonly MapLayerSource[];
  /** The command map's layers (warnings 红橙黄蓝, monitoring points, risk points). */
  layers: {
    all: () => ReturnType<typeof mapLayers>;
    warnings: () => ReturnType<typeof warningLayer>;
    points: () => ReturnType<typeof pointLayer>;
    risks: () => ReturnType<typeof riskLayer>;
  };
  /** Starts reading sensor messages from NATS (consumers role). */
  startIngest(): Promise<void>;
  stop(): Promise<void>;
}

/** Monitoring and early warning: points, readings, rules, warnings with CAP, the risk register. */
export function createMonitoringModule(d: MonitoringDeps): MonitoringModule {
  const catalogue = createCatalogue(d.db);
  const deps = { ...d, catalogue, ruleStates: createRuleStateCache() };
  let ingest: IngestRunner | undefined;
  const router = Router();
  router.use(monitoringRouter(deps), warningRouter(d), riskRouter(d));
  return {
    router,
    routes: [
      ...Object.values(monitoringRoutes),
      ...Object.values(warningRoutes),
      ...Object.values(riskRoutes),
      ...Object.values(publicWarningRoutes),
    ],
    consumers: [],
    personalDataHolders: [],
    sweeps: [expirySweep(d), livenessSweep(d), overdueSweep(d)],
    mapLayers: [...monitoringMapSources],
    layers: {
      all: () => mapLayers(d.db, d.clock),
      warnings: () => warningLayer(d.db),
      points: () => pointLayer(d.db),
      risks: () => riskLayer(d.db, d.clock),
    },
    async startIngest() {
      ingest = await startIngest(d.bus, readingsIngest(deps), {
        namespace: d.namespace,
        replicas: d.streamReplicas,
        logger: d.logger,
      });
    },
    async stop() {
      await ingest?.stop();
    },
  };
}
