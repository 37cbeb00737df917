import { z } from 'zod';
import { ZUuid } from '../ids.ts';
import {
  ZCreateHoldRequest,
  ZDestructionList,
  ZHold,
  ZHoldList,
  ZIncidentQuery,
} from '../access.ts';
import { defineRoute } from './routes.ts';

/** Holds on personal information past the response, and the records of its destruction. */
export const personalDataRoutes = {
  createHold: defineRoute({
    operationId: 'createHold',
    method: 'post',
    path: '/api/admin/holds',
    summary: '留存登记 Record a hold that keeps named personal information past the response',
    tags: ['personal-information'],
    body: ZCreateHoldRequest,
    status: 201,
    response: ZHold,
  }),
  listHolds: defineRoute({
    operationId: 'listHolds',
    method: 'get',
    path: '/api/admin/holds',
    summary: 'Holds, optionally of one incident',
    tags: ['personal-information'],
    query: ZIncidentQuery,
    status: 200,
    response: ZHoldList,
  }),
  releaseHold: defineRoute({
    operationId: 'releaseHold',
    method: 'post',
    path: '/api/admin/holds/:id/release',
    summary: 'Release a hold early; what it kept is destroyed on the next run',
    tags: ['personal-information'],
    params: z.object({ id: ZUuid }),
    status: 200,
    response: ZHold,
  }),
  listDestructions: defineRoute({
    operationId: 'listDestructions',
    method: 'get',
    path: '/api/admin/destructions',
    summary: '销毁记录 Destruction jobs and records (what, when, by which rule — never the data)',
    tags: ['personal-information'],
    query: ZIncidentQuery,
    status: 200,
    response: ZDestructionList,
  }),
} as const;
