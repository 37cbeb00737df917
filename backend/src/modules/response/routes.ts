import { Router, type Response } from 'express';
import { eq } from 'drizzle-orm';
import {
  AppError,
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_SUBTYPES,
  INCIDENT_CATEGORIES,
  responseIncidentRoutes as R,
  type Role,
} from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { NO_READ_CACHE, type KeptRead } from '../../platform/db/read-cache.ts';
import { requireViewer } from '../../platform/access/index.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ResponseDeps } from './deps.ts';
import { closeIncident, gradeIncident, reportIncident } from './incident-service.ts';
import { findIncident, loadIncident } from './incident-reader.ts';
import { projectIncident, projectReports } from './projection.ts';
import { editReport, fileReport, submitReport } from './report-service.ts';
import { loadReport, loadReports } from './report-reader.ts';
import { listRules, putGradingRule, putReportingRule, gradingRuleFor } from './rules.ts';
import { suggestGrade } from './grading.ts';
import { incidentListJson, timelinePageJson } from './read-json.ts';
import { readIncidentMapItems } from './map.ts';
import { responseReports } from './tables.ts';

/** Who works on incidents: the office; a commander for the incidents they command. */
export const OFFICE: Role[] = ['admin', 'duty_officer'];
/** Who reads reports (people projected per viewer): not the teams, never the public. */
const REPORT_READERS: Role[] = ['admin', 'duty_officer', 'commander', 'department', 'observer'];

/** A commander may act only on an incident they command (their `command` grant). */
export function requireOfficeOrCommanderOf(v: Viewer, incidentId: string): void {
  if (v.role === 'commander' && !v.commands.has(incidentId))
    throw new AppError('response.not_commanding');
}

/**
 * Sends JSON PostgreSQL built (see read-json.ts), as kept; `mount` sees the answer sent. Its shape is
 * the route's contract, which the tests check by parsing every answer.
 */
function sendJson<T>(res: Response, read: KeptRead): T {
  res.status(200).type('application/json').set('ETag', read.etag).send(read.body);
  return undefined as T;
}

/** Tags of the kept reads, as the triggers of migration 0016 announce them. */
const INCIDENTS_TAG = 'response.incidents';
const TIMELINE_TAG = 'response.timeline:';

/** Incidents, grading, reports, rules and the map layer. */
export function incidentRouter(d: ResponseDeps): Router {
  const r = Router();
  const reads = d.reads ?? NO_READ_CACHE;
  const opts = { checkResponses: d.checkResponses ?? false };
  const incident = async (v: Viewer, id: string) => projectIncident(v, await loadIncident(d, id));
  const report = async (v: Viewer, id: string) =>
    (await projectReports(d, v, [await loadReport(d, id)]))[0]!;

  mount(
    r,
    R.incidentTypes,
    () => ({
      categories: INCIDENT_CATEGORIES.map((code) => ({
        code,
        ...INCIDENT_CATEGORY_LABELS[code],
        subtypes: INCIDENT_SUBTYPES[code].map((s) => ({ ...s })),
      })),
    }),
    opts,
  );
  mount(
    r,
    R.reportIncident,
    async ({ body, req }) => {
      const v = requireViewer(req, ...OFFICE);
      return incident(v, await reportIncident(d, v, body));
    },
    opts,
  );
  mount(
    r,
    R.listIncidents,
    async ({ query, req, res }) => {
      requireViewer(req);
      // One answer for every viewer: it names no person.
      const key = `response.incidents?${query.limit}&${query.cursor ?? ''}&${query.status ?? ''}&${query.category ?? ''}&${query.exercise ?? ''}`;
      const text = await reads.read(key, [INCIDENTS_TAG], async () => ({
        text: (await incidentListJson(d.db, query)).json,
        keep: true,
      }));
      return sendJson(res, text);
    },
    opts,
  );
  mount(r, R.getIncident, ({ params, req }) => incident(requireViewer(req), params.id), opts);
  mount(
    r,
    R.gradeIncident,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...OFFICE);
      await gradeIncident(d, v, params.id, body);
      return incident(v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.suggestGrade,
    async ({ body, req }) => {
      requireViewer(req);
      const rule = await gradingRuleFor(d.db, body.category, body.subtype);
      return suggestGrade(body.criteria, rule.thresholds, {
        category: body.category,
        subtype: rule.subtype,
      });
    },
    opts,
  );
  mount(
    r,
    R.closeIncident,
    async ({ params, req }) => {
      const v = requireViewer(req, ...OFFICE);
      await closeIncident(d, v, params.id);
      return incident(v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.timeline,
    async ({ params, query, req, res }) => {
      requireViewer(req);
      const tag = `${TIMELINE_TAG}${params.id}`;
      const key = `${tag}?${query.limit}&${query.cursor ?? ''}`;
      const text = await reads.read(key, [tag, `${TIMELINE_TAG}*`], async () => {
        const page = await timelinePageJson(d.db, params.id, query);
        // Every incident has its first line: only an empty first page asks whether it exists.
        if (!query.cursor && page.count === 0) await findIncident(d.db, params.id);
        return { text: page.json, keep: page.count > 0 };
      });
      return sendJson(res, text);
    },
    opts,
  );
  mount(
    r,
    R.fileReport,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...OFFICE, 'commander');
      requireOfficeOrCommanderOf(v, params.id);
      return report(v, await fileReport(d, v, params.id, body));
    },
    opts,
  );
  mount(
    r,
    R.listReports,
    async ({ params, req }) => {
      const v = requireViewer(req, ...REPORT_READERS);
      await findIncident(d.db, params.id);
      const all = await loadReports(d, d.db, eq(responseReports.incidentId, params.id));
      return { items: await projectReports(d, v, all) };
    },
    opts,
  );
  mount(
    r,
    R.getReport,
    ({ params, req }) => report(requireViewer(req, ...REPORT_READERS), params.id),
    opts,
  );
  mount(
    r,
    R.editReport,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...OFFICE, 'commander');
      requireOfficeOrCommanderOf(v, (await loadReport(d, params.id)).incidentId);
      await editReport(d, v, params.id, body);
      return report(v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.submitReport,
    async ({ params, req }) => {
      const v = requireViewer(req, ...OFFICE, 'commander');
      requireOfficeOrCommanderOf(v, (await loadReport(d, params.id)).incidentId);
      await submitReport(d, v, params.id);
      return report(v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.rules,
    ({ req }) => {
      requireViewer(req, ...OFFICE, 'commander', 'observer');
      return listRules(d.db);
    },
    opts,
  );
  mount(
    r,
    R.putGradingRule,
    async ({ body, req }) => {
      await putGradingRule(d, requireViewer(req, 'admin'), body);
      return listRules(d.db);
    },
    opts,
  );
  mount(
    r,
    R.putReportingRule,
    async ({ body, req }) => {
      await putReportingRule(d, requireViewer(req, 'admin'), body);
      return listRules(d.db);
    },
    opts,
  );
  mount(
    r,
    R.mapLayer,
    ({ req }) => {
      requireViewer(req);
      return readIncidentMapItems(d.db);
    },
    opts,
  );
  return r;
}
