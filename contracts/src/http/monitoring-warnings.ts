import { z } from 'zod';
import { ZUuid } from '../ids.ts';
import {
  ZAmendmentRequest,
  ZMeasurePack,
  ZMeasurePackList,
  ZMeasurePackParams,
  ZMeasurePackRequest,
  ZReturnWarningRequest,
  ZWarning,
  ZWarningContent,
  ZWarningDraftRequest,
  ZWarningList,
  ZWarningListQuery,
} from '../monitoring-warnings.ts';
import {
  ZCapIdentifierParams,
  ZCapImportRequest,
  ZCapImportResult,
  ZCapMessageList,
  ZPublicWarningList,
} from '../monitoring-cap.ts';
import { defineRoute } from './routes.ts';

const ZId = z.object({ id: ZUuid });
const tags = ['warnings'];
const post = (operationId: string, path: string, summary: string) =>
  defineRoute({
    operationId,
    method: 'post',
    path,
    summary,
    tags,
    params: ZId,
    status: 200,
    response: ZWarning,
  });

/** The warning lifecycle (art. 63–70): draft → pending approval → issued → adjusted → lifted. */
export const warningRoutes = {
  createDraft: defineRoute({
    operationId: 'createWarningDraft',
    method: 'post',
    path: '/api/monitoring/warnings',
    summary: '起草预警 Draft a warning; measures default to the pack of its level',
    tags,
    body: ZWarningDraftRequest,
    status: 201,
    response: ZWarning,
  }),
  editDraft: defineRoute({
    operationId: 'editWarningDraft',
    method: 'put',
    path: '/api/monitoring/warnings/:id',
    summary: 'Replace a draft’s content (drafts only)',
    tags,
    params: ZId,
    body: ZWarningContent,
    status: 200,
    response: ZWarning,
  }),
  submit: post(
    'submitWarning',
    '/api/monitoring/warnings/:id/submit',
    '提交审批 Hand a complete draft (art. 64 content) to a second officer',
  ),
  approve: post(
    'approveWarning',
    '/api/monitoring/warnings/:id/approve',
    '审批发布 A second officer approves the pending step; it is published with its CAP message',
  ),
  returnStep: defineRoute({
    operationId: 'returnWarning',
    method: 'post',
    path: '/api/monitoring/warnings/:id/return',
    summary: '退回 The approver sends the pending step back with a reason',
    tags,
    params: ZId,
    body: ZReturnWarningRequest,
    status: 200,
    response: ZWarning,
  }),
  discard: post('discardWarning', '/api/monitoring/warnings/:id/discard', 'Discard a draft'),
  amend: defineRoute({
    operationId: 'amendWarning',
    method: 'post',
    path: '/api/monitoring/warnings/:id/amendments',
    summary: '调整或解除 Propose an adjustment (art. 70) or a lift of a warning in force',
    tags,
    params: ZId,
    body: ZAmendmentRequest,
    status: 200,
    response: ZWarning,
  }),
  list: defineRoute({
    operationId: 'listWarnings',
    method: 'get',
    path: '/api/monitoring/warnings',
    summary: 'Warnings, newest first, by status, origin and exercise',
    tags,
    query: ZWarningListQuery,
    status: 200,
    response: ZWarningList,
  }),
  get: defineRoute({
    operationId: 'getWarning',
    method: 'get',
    path: '/api/monitoring/warnings/:id',
    summary: 'One warning with its pending step and CAP chain',
    tags,
    params: ZId,
    status: 200,
    response: ZWarning,
  }),
  capMessages: defineRoute({
    operationId: 'warningCapMessages',
    method: 'get',
    path: '/api/monitoring/warnings/:id/cap',
    summary: 'The CAP messages published for a warning, oldest first',
    tags,
    params: ZId,
    status: 200,
    response: ZCapMessageList,
  }),
  importCap: defineRoute({
    operationId: 'importCap',
    method: 'post',
    path: '/api/monitoring/cap/import',
    summary:
      '导入上级预警 Import an upstream agency’s CAP 1.2 alert (application/cap+xml, or JSON {xml})',
    tags,
    body: ZCapImportRequest,
    status: 200,
    response: ZCapImportResult,
  }),
  listPacks: defineRoute({
    operationId: 'listMeasurePacks',
    method: 'get',
    path: '/api/monitoring/measure-packs',
    summary: 'Measure packs by level (art. 66 blue/yellow; art. 67 orange/red)',
    tags,
    status: 200,
    response: ZMeasurePackList,
  }),
  putPack: defineRoute({
    operationId: 'putMeasurePack',
    method: 'put',
    path: '/api/monitoring/measure-packs/:level/:category',
    summary: 'Replace the measure pack of a level (category `default` for every category)',
    tags,
    params: ZMeasurePackParams,
    body: ZMeasurePackRequest,
    status: 200,
    response: ZMeasurePack,
  }),
} as const;

const publicTags = ['public'];

/** What the public reads without signing in: never an exercise as real, never a person. */
export const publicWarningRoutes = {
  current: defineRoute({
    operationId: 'publicCurrentWarnings',
    method: 'get',
    path: '/api/public/warnings',
    summary: '当前预警 Warnings in force (real only), for the public page',
    tags: publicTags,
    status: 200,
    response: ZPublicWarningList,
  }),
  feed: defineRoute({
    operationId: 'publicCapFeed',
    method: 'get',
    path: '/api/public/cap/feed.atom',
    summary: 'Atom feed of CAP 1.2 messages (status Actual only)',
    tags: publicTags,
    status: 200,
    response: z.string(),
  }),
  exerciseFeed: defineRoute({
    operationId: 'publicCapExerciseFeed',
    method: 'get',
    path: '/api/public/cap/exercise.atom',
    summary: 'Atom feed of exercise CAP messages (status Exercise only), for drills',
    tags: publicTags,
    status: 200,
    response: z.string(),
  }),
  message: defineRoute({
    operationId: 'publicCapMessage',
    method: 'get',
    path: '/api/public/cap/messages/:identifier',
    summary: 'One CAP 1.2 message Muster published, as application/cap+xml',
    tags: publicTags,
    params: ZCapIdentifierParams,
    status: 200,
    response: z.string(),
  }),
} as const;
