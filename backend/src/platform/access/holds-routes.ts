import { Router, type Request, type RequestHandler } from 'express';
import { desc, eq } from 'drizzle-orm';
import { AppError, personalDataRoutes } from '@muster/contracts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { mount } from '../http/routes.ts';
import type { AuditWriter } from './audit-writer.ts';
import { placeHold, releaseHold } from './holds.ts';
import { destructionJobs, destructionRecords, personalHolds } from './tables.ts';
import type { Viewer } from './viewer.ts';

type HoldRow = typeof personalHolds.$inferSelect;

function holdOut(h: HoldRow) {
  const a = JSON.parse(h.assessment) as { legality: string; necessity: string; security: string };
  return {
    id: h.id,
    incidentId: h.incidentId,
    holder: h.holder,
    category: h.category,
    subjectIds: h.subjectIds as string[] | 'all',
    reason: h.reason,
    assessment: a,
    until: h.until.toISOString(),
    approvedBy: h.approvedBy,
    createdAt: h.createdAt.toISOString(),
    releasedAt: h.releasedAt?.toISOString() ?? null,
  };
}

/**
 * Admin routes for holds and destruction records. A hold is approved by the admin who records
 * it; every hold and release is audited with its legal basis.
 */
export function holdsRouter(o: {
  db: Db;
  clock: Clock;
  audit: AuditWriter;
  guard: RequestHandler;
  viewerOf: (req: Request) => Viewer;
  checkResponses: boolean;
}): Router {
  const r = Router();
  const opts = { checkResponses: o.checkResponses };
  r.use('/api/admin/holds', o.guard);
  r.use('/api/admin/destructions', o.guard);

  mount(
    r,
    personalDataRoutes.createHold,
    async ({ body, req }) => {
      const viewer = o.viewerOf(req);
      const until = new Date(body.until);
      if (until <= o.clock.now())
        throw new AppError('request.invalid', 'until must be in the future', [
          { path: 'body.until', message: 'must be in the future' },
        ]);
      const row = await o.db.transaction((tx) =>
        placeHold(tx, o.audit, {
          ...body,
          until,
          approvedBy: viewer.accountId,
          actor: viewer.accountId,
        }),
      );
      return holdOut(row);
    },
    opts,
  );

  mount(
    r,
    personalDataRoutes.listHolds,
    async ({ query }) => {
      const rows = await o.db
        .select()
        .from(personalHolds)
        .where(query.incidentId ? eq(personalHolds.incidentId, query.incidentId) : undefined)
        .orderBy(desc(personalHolds.createdAt))
        .limit(500);
      return { items: rows.map(holdOut) };
    },
    opts,
  );

  mount(
    r,
    personalDataRoutes.releaseHold,
    async ({ params, req }) => {
      const viewer = o.viewerOf(req);
      const row = await o.db.transaction(async (tx) => {
        const h = await releaseHold(tx, o.audit, {
          id: params.id,
          actor: viewer.accountId,
          at: o.clock.now(),
        });
        if (!h) throw new AppError('resource.not_found', `hold ${params.id}`);
        return h;
      });
      return holdOut(row);
    },
    opts,
  );

  mount(
    r,
    personalDataRoutes.listDestructions,
    async ({ query }) => {
      const records = await o.db
        .select()
        .from(destructionRecords)
        .where(query.incidentId ? eq(destructionRecords.incidentId, query.incidentId) : undefined)
        .orderBy(desc(destructionRecords.at))
        .limit(500);
      const jobs = await o.db
        .select()
        .from(destructionJobs)
        .where(query.incidentId ? eq(destructionJobs.incidentId, query.incidentId) : undefined)
        .orderBy(desc(destructionJobs.requestedAt))
        .limit(200);
      return {
        items: records.map((x) => ({
          ...x,
          holdIds: x.holdIds as string[],
          at: x.at.toISOString(),
        })),
        jobs: jobs.map((j) => ({
          incidentId: j.incidentId,
          status: j.status as 'pending' | 'held' | 'done',
          requestedAt: j.requestedAt.toISOString(),
          completedAt: j.completedAt?.toISOString() ?? null,
          nextRunAt: j.nextRunAt.toISOString(),
          attempts: j.attempts,
          lastError: j.lastError,
        })),
      };
    },
    opts,
  );
  return r;
}
