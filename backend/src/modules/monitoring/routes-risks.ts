import { Router } from 'express';
import { AppError, riskRoutes } from '@muster/contracts';
import { eq } from 'drizzle-orm';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer } from '../../platform/access/index.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { MonitoringDeps } from './deps.ts';
import { inbox, listResponsibilities, markRead, putResponsibility } from './matrix-service.ts';
import {
  assessRisk,
  createRisk,
  getRisk,
  inspectRisk,
  listRisks,
  riskHistory,
  updateRisk,
} from './risk-service.ts';
import { monitoringRiskPoints } from './tables.ts';

const OFFICE = ['admin', 'duty_officer'] as const;
const READERS = ['admin', 'duty_officer', 'commander', 'department', 'observer'] as const;

/** A department records inspections of its own risk points only. */
async function requireInspector(d: MonitoringDeps, v: Viewer, id: string): Promise<Viewer> {
  if (v.role !== 'department') return v;
  const [r] = await d.db
    .select({ dep: monitoringRiskPoints.departmentId })
    .from(monitoringRiskPoints)
    .where(eq(monitoringRiskPoints.id, id));
  if (r && r.dep !== v.departmentId) throw new AppError('auth.forbidden');
  return v;
}

/** The risk register, the responsibility matrix and departments' inboxes. */
export function riskRouter(d: MonitoringDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const k = riskRoutes;
  mount(r, k.create, ({ body, req }) => createRisk(d, requireViewer(req, ...OFFICE), body), opts);
  mount(
    r,
    k.update,
    ({ params, body, req }) => updateRisk(d, requireViewer(req, ...OFFICE), params.id, body),
    opts,
  );
  mount(r, k.list, ({ query, req }) => listRisks(d, requireViewer(req, ...READERS), query), opts);
  mount(r, k.get, ({ params, req }) => getRisk(d, requireViewer(req, ...READERS), params.id), opts);
  mount(
    r,
    k.assess,
    ({ params, body, req }) => assessRisk(d, requireViewer(req, ...OFFICE), params.id, body),
    opts,
  );
  mount(
    r,
    k.inspect,
    async ({ params, body, req }) =>
      inspectRisk(
        d,
        await requireInspector(d, requireViewer(req, ...OFFICE, 'department'), params.id),
        params.id,
        body,
      ),
    opts,
  );
  mount(
    r,
    k.history,
    ({ params, req }) => (requireViewer(req, ...READERS), riskHistory(d, params.id)),
    opts,
  );
  mount(
    r,
    k.putResponsibility,
    ({ params, body, req }) =>
      putResponsibility(d, requireViewer(req, 'admin'), params.departmentId, body),
    opts,
  );
  mount(
    r,
    k.listResponsibilities,
    ({ req }) => (requireViewer(req, ...READERS), listResponsibilities(d)),
    opts,
  );
  mount(
    r,
    k.inbox,
    ({ query, req }) => inbox(d, requireViewer(req, ...OFFICE, 'department'), query),
    opts,
  );
  mount(
    r,
    k.markRead,
    ({ params, req }) => markRead(d, requireViewer(req, ...OFFICE, 'department'), params.id),
    opts,
  );
  return r;
}
