import { Router } from 'express';
import { drillRoutes as D, parseScenarioYaml } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer } from '../../platform/access/index.ts';
import type { DrillsDeps } from './deps.ts';
import type { Runs } from './runs-service.ts';
import { listScenarios } from './scenarios.ts';
import { afterAction } from './after-action.ts';
import { reportHtml } from './report-html.ts';
import { loadRun } from './views.ts';

/** The office runs drills (duty console); observers and commanders read runs and reports. */
const OFFICE = ['admin', 'duty_officer'] as const;
const READERS = ['admin', 'duty_officer', 'commander', 'observer'] as const;

export function drillsRouter(d: DrillsDeps, runs: Runs): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const report = async (id: string) => {
    const run = await loadRun(d.db, id);
    // A removed drill keeps the report it had; otherwise it is measured afresh.
    return run.removedAt && run.report ? run.report : afterAction(d.db, run);
  };
  mount(
    r,
    D.listScenarios,
    ({ req }) => (requireViewer(req, ...READERS), listScenarios(d.db)),
    opts,
  );
  mount(
    r,
    D.validateScenario,
    ({ body, req }) => {
      requireViewer(req, ...OFFICE);
      const p = parseScenarioYaml(body.yaml);
      return p.ok
        ? { ok: true, name: p.scenario.name, injects: p.scenario.injects.length, problems: [] }
        : { ok: false, name: null, injects: 0, problems: p.problems };
    },
    opts,
  );
  mount(r, D.listRuns, ({ req }) => (requireViewer(req, ...READERS), runs.list()), opts);
  mount(
    r,
    D.startRun,
    ({ body, req }) => runs.start(requireViewer(req, ...OFFICE).accountId, body),
    opts,
  );
  mount(
    r,
    D.getRun,
    ({ params, req }) => (requireViewer(req, ...READERS), runs.view(params.id)),
    opts,
  );
  mount(
    r,
    D.pause,
    ({ params, req }) => (requireViewer(req, ...OFFICE), runs.pause(params.id)),
    opts,
  );
  mount(
    r,
    D.resume,
    ({ params, req }) => (requireViewer(req, ...OFFICE), runs.resume(params.id)),
    opts,
  );
  mount(
    r,
    D.stop,
    ({ params, req }) => (requireViewer(req, ...OFFICE), runs.stop(params.id)),
    opts,
  );
  mount(
    r,
    D.speed,
    ({ params, body, req }) => (requireViewer(req, ...OFFICE), runs.speed(params.id, body.speed)),
    opts,
  );
  mount(
    r,
    D.remove,
    ({ params, req }) => runs.remove(params.id, requireViewer(req, 'admin').accountId),
    opts,
  );
  mount(
    r,
    D.report,
    ({ params, req }) => (requireViewer(req, ...READERS), report(params.id)),
    opts,
  );
  mount(
    r,
    D.reportHtml,
    async ({ params, req, res }) => {
      requireViewer(req, ...READERS);
      res
        .status(200)
        .type('text/html')
        .send(reportHtml(await report(params.id)));
      return '';
    },
    opts,
  );
  mount(
    r,
    D.reportPdf,
    async ({ params, req, res }) => {
      requireViewer(req, ...READERS);
      const pdf = await d.pdf.render(reportHtml(await report(params.id)));
      res
        .status(200)
        .type('application/pdf')
        .setHeader('content-disposition', `inline; filename="drill-${params.id}.pdf"`)
        .send(pdf);
      return '';
    },
    opts,
  );
  return r;
}
