import { z } from 'zod';
import { ZUuid } from '../ids.ts';
import {
  ZAfterActionReport,
  ZDrillRunDetail,
  ZDrillRunList,
  ZDrillSpeedRequest,
  ZScenarioCheck,
  ZScenarioList,
  ZStartDrillRequest,
  ZValidateScenarioRequest,
} from '../drills-runs.ts';
import { defineRoute } from './routes.ts';

const ZId = z.object({ id: ZUuid });
const tags = ['drills'];
const step = (operationId: string, path: string, summary: string) =>
  defineRoute({
    operationId,
    method: 'post',
    path,
    summary,
    tags,
    params: ZId,
    status: 200,
    response: ZDrillRunDetail,
  });

/** The duty console's drill routes (office roles). */
export const drillRoutes = {
  listScenarios: defineRoute({
    operationId: 'listDrillScenarios',
    method: 'get',
    path: '/api/drills/scenarios',
    summary: '演练脚本 Scenarios ready to run',
    tags,
    status: 200,
    response: ZScenarioList,
  }),
  validateScenario: defineRoute({
    operationId: 'validateDrillScenario',
    method: 'post',
    path: '/api/drills/scenarios/validate',
    summary: 'Check a scenario file: each problem by line and field',
    tags,
    body: ZValidateScenarioRequest,
    status: 200,
    response: ZScenarioCheck,
  }),
  listRuns: defineRoute({
    operationId: 'listDrillRuns',
    method: 'get',
    path: '/api/drills/runs',
    summary: 'Drill runs, newest first',
    tags,
    status: 200,
    response: ZDrillRunList,
  }),
  startRun: defineRoute({
    operationId: 'startDrillRun',
    method: 'post',
    path: '/api/drills/runs',
    summary: '开始演练 Start a run of a scenario at a speed',
    tags,
    body: ZStartDrillRequest,
    status: 201,
    response: ZDrillRunDetail,
  }),
  getRun: defineRoute({
    operationId: 'getDrillRun',
    method: 'get',
    path: '/api/drills/runs/:id',
    summary: 'A run with its inject log',
    tags,
    params: ZId,
    status: 200,
    response: ZDrillRunDetail,
  }),
  pause: step('pauseDrillRun', '/api/drills/runs/:id/pause', '暂停 Pause: its clock stops'),
  resume: step('resumeDrillRun', '/api/drills/runs/:id/resume', '继续 Resume'),
  stop: step('stopDrillRun', '/api/drills/runs/:id/stop', '结束 Stop now; the report is written'),
  speed: defineRoute({
    operationId: 'setDrillSpeed',
    method: 'post',
    path: '/api/drills/runs/:id/speed',
    summary: 'Change the speed factor (the clock never jumps)',
    tags,
    params: ZId,
    body: ZDrillSpeedRequest,
    status: 200,
    response: ZDrillRunDetail,
  }),
  remove: step(
    'removeDrillRunData',
    '/api/drills/runs/:id/remove-data',
    '清除演练数据 Remove a finished drill’s records as a whole (its report stays)',
  ),
  report: defineRoute({
    operationId: 'drillAfterAction',
    method: 'get',
    path: '/api/drills/runs/:id/report',
    summary: '演练评估 After-action report (JSON)',
    tags,
    params: ZId,
    status: 200,
    response: ZAfterActionReport,
  }),
  reportHtml: defineRoute({
    operationId: 'drillAfterActionHtml',
    method: 'get',
    path: '/api/drills/runs/:id/report.html',
    summary: 'The after-action report as a page (text/html, inline SVG chart)',
    tags,
    params: ZId,
    status: 200,
    response: z.string(),
  }),
  reportPdf: defineRoute({
    operationId: 'drillAfterActionPdf',
    method: 'get',
    path: '/api/drills/runs/:id/report.pdf',
    summary: 'The same page printed as a PDF',
    tags,
    params: ZId,
    status: 200,
    response: z.string(),
  }),
} as const;
