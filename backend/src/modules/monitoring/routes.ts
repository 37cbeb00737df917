import { Router } from 'express';
import { monitoringRoutes } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer } from '../../platform/access/index.ts';
import type { StoreDeps } from './store-readings.ts';
import { postReadings } from './ingest.ts';
import { mapLayers } from './map-layers.ts';
import {
  createPoint,
  getPoint,
  listPoints,
  listReadings,
  pointStates,
  updatePoint,
} from './points-service.ts';
import { listRules, saveRule } from './rules-service.ts';

const OFFICE = ['admin', 'duty_officer'] as const;

/** Points, readings, rules and the map layers. Roles here; what a viewer may touch, in services. */
export function monitoringRouter(d: StoreDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const m = monitoringRoutes;
  mount(
    r,
    m.createPoint,
    ({ body, req }) => createPoint(d, requireViewer(req, ...OFFICE), body),
    opts,
  );
  mount(
    r,
    m.updatePoint,
    ({ params, body, req }) => updatePoint(d, requireViewer(req, ...OFFICE), params.id, body),
    opts,
  );
  mount(r, m.listPoints, ({ query, req }) => (requireViewer(req), listPoints(d, query)), opts);
  mount(r, m.getPoint, ({ params, req }) => (requireViewer(req), getPoint(d, params.id)), opts);
  mount(
    r,
    m.listReadings,
    ({ params, query, req }) => (requireViewer(req), listReadings(d, params.id, query)),
    opts,
  );
  mount(
    r,
    m.pointStates,
    ({ params, req }) => (requireViewer(req), pointStates(d, params.id)),
    opts,
  );
  mount(
    r,
    m.postReadings,
    ({ body, req }) => postReadings(d, requireViewer(req, ...OFFICE, 'department'), body),
    opts,
  );
  mount(r, m.createRule, ({ body, req }) => saveRule(d, requireViewer(req, ...OFFICE), body), opts);
  mount(
    r,
    m.updateRule,
    ({ params, body, req }) => saveRule(d, requireViewer(req, ...OFFICE), body, params.id),
    opts,
  );
  mount(r, m.listRules, ({ req }) => (requireViewer(req), listRules(d)), opts);
  mount(r, m.mapLayers, ({ req }) => (requireViewer(req), mapLayers(d.db, d.clock)), opts);
  return r;
}
