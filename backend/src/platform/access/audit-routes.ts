import { Router, type Request, type RequestHandler } from 'express';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { AppError, auditRoutes, type TAuditEntry } from '@muster/contracts';
import type { Db } from '../db/client.ts';
import { mount } from '../http/routes.ts';
import type { AuditDetail } from './audit-chain.ts';
import { isSafeDetailValue } from './audit-content.ts';
import { verifyAuditChain } from './audit-verify.ts';
import type { AuditWriter } from './audit-writer.ts';
import { auditLog } from './tables.ts';
import type { Viewer } from './viewer.ts';

type AuditRow = typeof auditLog.$inferSelect;

/** The cursor is the last seq shown, wrapped so clients treat it as opaque. */
function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m?.[1])
    throw new AppError('request.invalid', 'query.cursor: not a cursor from this list', [
      { path: 'query.cursor', message: 'use nextCursor from the previous page' },
    ]);
  return Number(m[1]);
}

function entryOut(r: AuditRow): TAuditEntry {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    field: r.field,
    purpose: r.purpose,
    legalBasis: r.legalBasis,
    outcome: r.outcome as TAuditEntry['outcome'],
    detail: r.detail as AuditDetail,
    hash: r.hash,
  };
}

/** Filters as the `audit.read` entry records them; a typed value that is not id-like is withheld. */
function filtersDetail(f: Record<string, string | undefined>): AuditDetail {
  const out: AuditDetail = {};
  for (const [k, v] of Object.entries(f))
    if (v !== undefined) out[k] = isSafeDetailValue(v) ? v : '[withheld]';
  return out;
}

/**
 * The admin's audit API: browse the log newest first (keyset pages by seq) and verify the
 * chain. Both are guarded (admin only) and both are themselves audited.
 */
export function auditRouter(o: {
  db: Db;
  audit: AuditWriter;
  guard: RequestHandler;
  viewerOf: (req: Request) => Viewer;
  checkResponses: boolean;
}): Router {
  const r = Router();
  const opts = { checkResponses: o.checkResponses };
  r.use('/api/admin/audit', o.guard);

  mount(
    r,
    auditRoutes.list,
    async ({ query, req }) => {
      const viewer = o.viewerOf(req);
      const where: (SQL | undefined)[] = [
        query.cursor ? lt(auditLog.seq, decodeCursor(query.cursor)) : undefined,
        query.actor ? eq(auditLog.actor, query.actor) : undefined,
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.subjectId ? eq(auditLog.subjectId, query.subjectId) : undefined,
        query.from ? gte(auditLog.at, new Date(query.from)) : undefined,
        query.to ? lt(auditLog.at, new Date(query.to)) : undefined,
      ];
      const rows = await o.db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.seq))
        .limit(query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      await o.audit.append({
        actor: viewer.accountId,
        action: 'audit.read',
        subjectType: 'audit_log',
        detail: {
          ...filtersDetail({
            actor: query.actor,
            action: query.action,
            subjectId: query.subjectId,
            from: query.from,
            to: query.to,
          }),
          paged: query.cursor !== undefined,
          returned: items.length,
        },
      });
      return {
        items: items.map(entryOut),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null,
      };
    },
    opts,
  );

  mount(
    r,
    auditRoutes.verify,
    async ({ req }) => {
      const viewer = o.viewerOf(req);
      const result = await verifyAuditChain(o.db);
      await o.audit.append({
        actor: viewer.accountId,
        action: 'audit.verify',
        subjectType: 'audit_log',
        outcome: result.ok ? 'ok' : 'failed',
        detail: result.ok ? { entries: result.entries } : { firstBadSeq: result.firstBadSeq },
      });
      return result;
    },
    opts,
  );
  return r;
}
