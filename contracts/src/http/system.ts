import { z } from 'zod';
import { ZInstant, ZUuidV7 } from '../ids.ts';
import { defineRoute } from './routes.ts';

export const ZHealth = z.object({ status: z.literal('ok') });

export const ZReadiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: z.enum(['ok', 'failing']),
    bus: z.enum(['connected', 'reconnecting', 'disconnected', 'closed']),
  }),
});

export const ZConsumerStatus = z.object({
  name: z.string(),
  subject: z.string(),
  pending: z.number().int(),
  ackPending: z.number().int(),
  redelivered: z.number().int(),
});

export const ZSystemStatus = z.object({
  instanceId: z.string(),
  roles: z.array(z.string()),
  bus: ZReadiness.shape.checks.shape.bus,
  outbox: z.object({ unsent: z.number().int(), oldestUnsentAgeMs: z.number().nullable() }),
  consumers: z.array(ZConsumerStatus),
  deadLetters: z.number().int(),
});

export const ZSendProbeRequest = z.object({
  /** How many probe events to send in this one transaction. */
  count: z.number().int().min(1).max(1000).default(1),
  note: z.string().max(200).optional(),
});
export const ZSendProbeResponse = z.object({ eventIds: z.array(ZUuidV7), sentAt: ZInstant });

export const systemRoutes = {
  health: defineRoute({
    operationId: 'getHealth',
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process is up',
    tags: ['system'],
    status: 200,
    response: ZHealth,
  }),
  readiness: defineRoute({
    operationId: 'getReadiness',
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: database and NATS reachable (503 when not)',
    tags: ['system'],
    status: 200,
    response: ZReadiness,
  }),
  status: defineRoute({
    operationId: 'getSystemStatus',
    method: 'get',
    path: '/api/system/status',
    summary: 'Bus state, outbox backlog, consumer lag and dead letters',
    tags: ['system'],
    status: 200,
    response: ZSystemStatus,
  }),
  sendProbe: defineRoute({
    operationId: 'sendProbe',
    method: 'post',
    path: '/api/system/probes',
    summary: 'Send probe events through outbox → JetStream → consumer to check the pipeline',
    tags: ['system'],
    body: ZSendProbeRequest,
    status: 202,
    response: ZSendProbeResponse,
  }),
} as const;
