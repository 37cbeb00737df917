import { z } from 'zod';
import { ZAuditList, ZAuditQuery } from '../access.ts';
import { defineRoute } from './routes.ts';

/** The outcome of walking the audit chain: whole, or the first entry that is not as it was. */
export const ZAuditVerifyResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    entries: z.number().int(),
    /** Hash of the last entry; kept elsewhere, it reveals a chain cut or rewritten at its end. */
    head: z.string(),
  }),
  z.object({ ok: z.literal(false), firstBadSeq: z.number().int(), reason: z.string() }),
]);
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;

/** The admin's view of the audit log. Reading it is itself audited (`audit.read`). */
export const auditRoutes = {
  list: defineRoute({
    operationId: 'listAuditEntries',
    method: 'get',
    path: '/api/admin/audit',
    summary:
      '审计日志 Audit entries, newest first; filter by actor, action, subject and time (from ≤ at < to)',
    tags: ['audit'],
    query: ZAuditQuery,
    status: 200,
    response: ZAuditList,
  }),
  verify: defineRoute({
    operationId: 'verifyAuditChain',
    method: 'get',
    path: '/api/admin/audit/verify',
    summary:
      '审计校验 Walk the hash chain and name the first entry that was edited, removed or moved',
    tags: ['audit'],
    status: 200,
    response: ZAuditVerifyResult,
  }),
} as const;
