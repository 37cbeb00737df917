import { Router, type Request } from 'express';
import { AppError, requisitionClaimRoutes as R } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer } from '../../platform/access/index.ts';
import type { RequisitionDeps } from './deps.ts';
import { assessCallup, assessProperty } from './assessment-service.ts';
import { loadObjections, objectionOut } from './claim-reader.ts';
import { approveClaim, recordPayment, sendBack } from './decision-service.ts';
import { FINANCE_ROLES } from './guards.ts';
import { listInjuries, recordInjury, requireTeamOrOffice, updateInjury } from './injury-service.ts';
import { exportLedger } from './ledger-export.ts';
import { ledgerTotals } from './ledger.ts';
import { decideObjection, fileByAccount, startReview } from './objection-service.ts';
import { getClaim, listClaims } from './read-service.ts';
import { requisitionObjections } from './tables.ts';
import { eq } from 'drizzle-orm';

/** Compensation, payments, objections, insurance claims and the ledger. */
export function claimRouter(d: RequisitionDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const finance = (req: Request) => requireViewer(req, ...FINANCE_ROLES);

  mount(r, R.listClaims, ({ query, req }) => listClaims(d, requireViewer(req), query), opts);
  mount(r, R.getClaim, ({ params, req }) => getClaim(d, requireViewer(req), params.id), opts);
  mount(
    r,
    R.assessProperty,
    async ({ params, body, req }) => {
      const v = finance(req);
      await assessProperty(d, v, params.id, body);
      return getClaim(d, v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.assessCallup,
    async ({ params, body, req }) => {
      const v = finance(req);
      await assessCallup(d, v, params.id, body);
      return getClaim(d, v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.approveClaim,
    async ({ params, body, req }) => {
      const v = finance(req);
      await approveClaim(d, v, params.id, body.reasons);
      return getClaim(d, v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.sendBack,
    async ({ params, body, req }) => {
      const v = finance(req);
      await sendBack(d, v, params.id, body.reason);
      return getClaim(d, v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.recordPayment,
    async ({ params, body, req }) => {
      const v = finance(req);
      await recordPayment(d, v, params.id, body);
      return getClaim(d, v, params.id);
    },
    opts,
  );

  const objection = async (id: string) => {
    const [row] = await d.db
      .select()
      .from(requisitionObjections)
      .where(eq(requisitionObjections.id, id));
    if (!row) throw new AppError('requisition.objection_not_found', id);
    return objectionOut(row);
  };
  mount(
    r,
    R.fileObjection,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...FINANCE_ROLES, 'team_leader');
      return objection(await fileByAccount(d, v, params.id, body));
    },
    opts,
  );
  mount(
    r,
    R.listObjections,
    async ({ params, req }) => {
      await getClaim(d, requireViewer(req), params.id);
      return { items: await loadObjections(d.db, params.id) };
    },
    opts,
  );
  mount(
    r,
    R.startReview,
    async ({ params, req }) => {
      await startReview(d, finance(req), params.id);
      return objection(params.id);
    },
    opts,
  );
  mount(
    r,
    R.decideObjection,
    async ({ params, body, req }) => {
      await decideObjection(d, finance(req), params.id, body);
      return objection(params.id);
    },
    opts,
  );

  mount(
    r,
    R.recordInjuryClaim,
    ({ params, body, req }) =>
      recordInjury(d, requireViewer(req, ...FINANCE_ROLES, 'team_leader'), params.id, body),
    opts,
  );
  mount(
    r,
    R.listInjuryClaims,
    async ({ params, req }) => {
      const v = requireViewer(req);
      requireTeamOrOffice(v, await getClaim(d, v, params.id));
      return { items: await listInjuries(d, params.id) };
    },
    opts,
  );
  mount(
    r,
    R.updateInjuryClaim,
    ({ params, body, req }) =>
      updateInjury(d, requireViewer(req, ...FINANCE_ROLES, 'team_leader'), params.id, body),
    opts,
  );

  mount(r, R.ledger, ({ query, req }) => ledgerTotals(d, requireViewer(req), query), opts);
  mount(
    r,
    R.ledgerExport,
    async ({ query, req, res }) => {
      const file = await exportLedger(d, requireViewer(req), query);
      res
        .type(file.contentType)
        .set('cache-control', 'no-store')
        .set('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
      return '';
    },
    opts,
  );
  return r;
}
