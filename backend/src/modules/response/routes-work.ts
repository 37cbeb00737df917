import { Router } from 'express';
import { responseWorkRoutes as W } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer } from '../../platform/access/index.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ResponseDeps } from './deps.ts';
import { OFFICE } from './routes.ts';
import { findIncident, loadIncident } from './incident-reader.ts';
import { projectIncident } from './projection.ts';
import { createPlan, getPlan, getPlanVersion, listPlans, revisePlan } from './plan-service.ts';
import { activate, adjust, terminate } from './level-service.ts';
import { levelStepsOf } from './level-reader.ts';
import { addRecoveryTask, listTasks, updateTask } from './task-service.ts';
import { assessLoss, lossesOf, putFindings } from './recovery-service.ts';
import { assembleEvaluation } from './evaluation.ts';
import { evaluationHtml } from './evaluation-html.ts';

const EVALUATION_READERS = [
  'admin',
  'duty_officer',
  'commander',
  'department',
  'observer',
] as const;

/** Plans, response levels, tasks, recovery and the evaluation. */
export function workRouter(d: ResponseDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const incident = async (v: Viewer, id: string) => projectIncident(v, await loadIncident(d, id));

  mount(
    r,
    W.listPlans,
    async ({ query, req }) => {
      requireViewer(req);
      return { items: await listPlans(d.db, query.category) };
    },
    opts,
  );
  mount(
    r,
    W.createPlan,
    async ({ body, req }) => {
      const v = requireViewer(req, ...OFFICE);
      return getPlan(d.db, await createPlan(d, v.accountId, body.plan));
    },
    opts,
  );
  mount(
    r,
    W.getPlan,
    ({ params, req }) => {
      requireViewer(req);
      return getPlan(d.db, params.id);
    },
    opts,
  );
  mount(
    r,
    W.revisePlan,
    ({ params, body, req }) => {
      const v = requireViewer(req, ...OFFICE);
      return revisePlan(d, v.accountId, params.id, body);
    },
    opts,
  );
  mount(
    r,
    W.getPlanVersion,
    ({ params, req }) => {
      requireViewer(req);
      return getPlanVersion(d.db, params.id, params.version);
    },
    opts,
  );
  mount(
    r,
    W.activate,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...OFFICE);
      await activate(d, v, params.id, body);
      return incident(v, params.id);
    },
    opts,
  );
  mount(
    r,
    W.adjust,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...OFFICE, 'commander');
      await adjust(d, v, params.id, body);
      return incident(v, params.id);
    },
    opts,
  );
  mount(
    r,
    W.terminate,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...OFFICE, 'commander');
      await terminate(d, v, params.id, body.reason);
      return incident(v, params.id);
    },
    opts,
  );
  mount(
    r,
    W.levelHistory,
    async ({ params, req }) => {
      requireViewer(req);
      await findIncident(d.db, params.id);
      return { items: await levelStepsOf(d.db, params.id) };
    },
    opts,
  );
  mount(
    r,
    W.listTasks,
    ({ params, query, req }) => {
      requireViewer(req, ...EVALUATION_READERS);
      return listTasks(d, params.id, query);
    },
    opts,
  );
  mount(
    r,
    W.updateTask,
    ({ params, body, req }) =>
      updateTask(d, requireViewer(req, ...OFFICE, 'commander', 'department'), params.id, body),
    opts,
  );
  mount(
    r,
    W.addRecoveryTask,
    ({ params, body, req }) => addRecoveryTask(d, requireViewer(req, ...OFFICE), params.id, body),
    opts,
  );
  mount(
    r,
    W.assessLoss,
    ({ params, body, req }) => assessLoss(d, requireViewer(req, ...OFFICE), params.id, body),
    opts,
  );
  mount(
    r,
    W.listLosses,
    async ({ params, req }) => {
      requireViewer(req, ...EVALUATION_READERS);
      return { items: await lossesOf(d.db, params.id) };
    },
    opts,
  );
  mount(
    r,
    W.putFindings,
    ({ params, body, req }) => putFindings(d, requireViewer(req, ...OFFICE), params.id, body),
    opts,
  );
  mount(
    r,
    W.evaluation,
    ({ params, req }) => {
      requireViewer(req, ...EVALUATION_READERS);
      return assembleEvaluation(d, params.id);
    },
    opts,
  );
  mount(
    r,
    W.evaluationHtml,
    async ({ params, req, res }) => {
      requireViewer(req, ...EVALUATION_READERS);
      const html = evaluationHtml(await assembleEvaluation(d, params.id));
      res.status(200).type('text/html; charset=utf-8').send(html);
      return '';
    },
    opts,
  );
  mount(
    r,
    W.evaluationPdf,
    async ({ params, req, res }) => {
      requireViewer(req, ...EVALUATION_READERS);
      const pdf = await d.pdf.render(evaluationHtml(await assembleEvaluation(d, params.id)));
      res
        .status(200)
        .type('application/pdf')
        .setHeader('content-disposition', `inline; filename="evaluation-${params.id}.pdf"`)
        .send(pdf);
      return '';
    },
    opts,
  );
  return r;
}
