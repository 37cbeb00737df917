import { z } from 'zod';
import { ZUuid } from '../ids.ts';
import {
  ZHandoverRequest,
  ZMapItems,
  ZMapQuery,
  ZOrder,
  ZOrderList,
  ZOrderListQuery,
  ZOrderRequest,
  ZReasonRequest,
  ZReturnRequestBody,
  ZUseLogRequest,
} from '../requisition.ts';
import {
  ZOwnerLookupRequest,
  ZOwnerStatus,
  ZPublicObjectionRequest,
} from '../requisition-ledger.ts';
import { defineRoute } from './routes.ts';
import { requisitionClaimRoutes } from './requisition-claims.ts';

export { requisitionClaimRoutes } from './requisition-claims.ts';

const ZId = z.object({ id: ZUuid });
const ZItemParams = z.object({ id: ZUuid, itemId: ZUuid });
const tags = ['requisition'];
const base = '/api/requisition';

/** Requisition orders, their certificates, use and return (Emergency Response Law art. 12, 76). */
export const requisitionOrderRoutes = {
  requestOrder: defineRoute({
    operationId: 'requestRequisition',
    method: 'post',
    path: `${base}/orders`,
    summary: '征用申请 An official asks for a requisition; another official approves it',
    tags,
    body: ZOrderRequest,
    status: 201,
    response: ZOrder,
  }),
  listOrders: defineRoute({
    operationId: 'listRequisitions',
    method: 'get',
    path: `${base}/orders`,
    summary: 'Orders, oldest first, by incident and status; owners projected per viewer',
    tags,
    query: ZOrderListQuery,
    status: 200,
    response: ZOrderList,
  }),
  getOrder: defineRoute({
    operationId: 'getRequisition',
    method: 'get',
    path: `${base}/orders/:id`,
    summary: 'One order with its items and use log; the owner projected per viewer',
    tags,
    params: ZId,
    status: 200,
    response: ZOrder,
  }),
  approveOrder: defineRoute({
    operationId: 'approveRequisition',
    method: 'post',
    path: `${base}/orders/:id/approve`,
    summary: '批准并出具征用凭证 Approve (never the requester) and number the certificate',
    tags,
    params: ZId,
    status: 200,
    response: ZOrder,
  }),
  rejectOrder: defineRoute({
    operationId: 'rejectRequisition',
    method: 'post',
    path: `${base}/orders/:id/reject`,
    summary: 'Refuse a requested order, with the reason',
    tags,
    params: ZId,
    body: ZReasonRequest,
    status: 200,
    response: ZOrder,
  }),
  certificate: defineRoute({
    operationId: 'requisitionCertificate',
    method: 'get',
    path: `${base}/orders/:id/certificate`,
    summary: '征用凭证 The printable certificate (HTML) with a QR code of its number',
    tags,
    params: ZId,
    status: 200,
    response: z.string(),
  }),
  certificatePdf: defineRoute({
    operationId: 'requisitionCertificatePdf',
    method: 'get',
    path: `${base}/orders/:id/certificate.pdf`,
    summary: 'The same certificate printed as a PDF',
    tags,
    params: ZId,
    status: 200,
    response: z.string(),
  }),
  handOver: defineRoute({
    operationId: 'handOverRequisitionItem',
    method: 'post',
    path: `${base}/orders/:id/items/:itemId/handover`,
    summary: '交付 The owner handed the item over; its use begins',
    tags,
    params: ZItemParams,
    body: ZHandoverRequest,
    status: 200,
    response: ZOrder,
  }),
  logUse: defineRoute({
    operationId: 'logRequisitionItemUse',
    method: 'post',
    path: `${base}/orders/:id/items/:itemId/use-log`,
    summary: '使用记录 An entry in the item’s use log',
    tags,
    params: ZItemParams,
    body: ZUseLogRequest,
    status: 200,
    response: ZOrder,
  }),
  returnItem: defineRoute({
    operationId: 'returnRequisitionItem',
    method: 'post',
    path: `${base}/orders/:id/items/:itemId/return`,
    summary: '返还 Return (intact or damaged), loss or consumption, with the condition',
    tags,
    params: ZItemParams,
    body: ZReturnRequestBody,
    status: 200,
    response: ZOrder,
  }),
  map: defineRoute({
    operationId: 'requisitionMapLayer',
    method: 'get',
    path: `${base}/map`,
    summary: 'Requisitioned items in use, as a layer of the command map (no owner data)',
    tags,
    query: ZMapQuery,
    status: 200,
    response: ZMapItems,
  }),
} as const;

/** What an owner uses without signing in: the certificate number and its verification code. */
export const requisitionPublicRoutes = {
  ownerStatus: defineRoute({
    operationId: 'requisitionOwnerStatus',
    method: 'post',
    path: '/api/public/requisition/status',
    summary: '被征用人查询 Follow a requisition and its compensation by certificate number + code',
    tags,
    body: ZOwnerLookupRequest,
    status: 200,
    response: ZOwnerStatus,
  }),
  ownerObjection: defineRoute({
    operationId: 'requisitionOwnerObjection',
    method: 'post',
    path: '/api/public/requisition/objections',
    summary: 'The owner files an objection with reasons, by certificate number + code',
    tags,
    body: ZPublicObjectionRequest,
    status: 201,
    response: ZOwnerStatus,
  }),
} as const;

export const requisitionRoutes = {
  ...requisitionOrderRoutes,
  ...requisitionClaimRoutes,
  ...requisitionPublicRoutes,
};
