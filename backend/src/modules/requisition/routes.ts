import { Router, type Request } from 'express';
import { AppError, requisitionOrderRoutes as R } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer } from '../../platform/access/index.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { RequisitionDeps } from './deps.ts';
import { renderCertificate } from './certificate.ts';
import { OFFICER_ROLES, requireOfficerFor } from './guards.ts';
import { handOver, logUse, returnItem } from './item-service.ts';
import { requisitionMapItems } from './map-layer.ts';
import { approveOrder, rejectOrder, requestOrder } from './order-service.ts';
import { getOrder, listOrders, READER_ROLES } from './read-service.ts';
import { requisitionOrders } from './tables.ts';
import { eq } from 'drizzle-orm';

/**
 * Orders, certificates, use and return. Roles are checked here; who may act on which order (a
 * commander of its incident, an approver other than the requester) in the service, inside the
 * transaction that changes it.
 */
export function orderRouter(d: RequisitionDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const officer = (req: Request) => requireViewer(req, ...OFFICER_ROLES);
  const show = (v: Viewer, id: string) => getOrder(d, v, id);

  mount(
    r,
    R.requestOrder,
    async ({ body, req }) => {
      const v = officer(req);
      return show(v, await requestOrder(d, v, body));
    },
    opts,
  );
  mount(r, R.listOrders, ({ query, req }) => listOrders(d, requireViewer(req), query), opts);
  mount(r, R.getOrder, ({ params, req }) => show(requireViewer(req), params.id), opts);
  mount(
    r,
    R.approveOrder,
    async ({ params, req }) => {
      const v = officer(req);
      await approveOrder(d, v, params.id);
      return show(v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.rejectOrder,
    async ({ params, body, req }) => {
      const v = officer(req);
      await rejectOrder(d, v, params.id, body.reason);
      return show(v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.handOver,
    async ({ params, body, req }) => {
      const v = officer(req);
      await handOver(d, v, params.id, params.itemId, body);
      return show(v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.logUse,
    async ({ params, body, req }) => {
      const v = officer(req);
      await logUse(d, v, params.id, params.itemId, body);
      return show(v, params.id);
    },
    opts,
  );
  mount(
    r,
    R.returnItem,
    async ({ params, body, req }) => {
      const v = officer(req);
      await returnItem(d, v, params.id, params.itemId, body);
      return show(v, params.id);
    },
    opts,
  );

  /** The certificate carries the verification code: only officers of the incident print it. */
  async function certificateHtml(req: Request, id: string): Promise<string> {
    const v = officer(req);
    const order = await show(v, id);
    requireOfficerFor(v, order.incidentId);
    const [row] = await d.db
      .select({ code: requisitionOrders.verificationCodeSealed })
      .from(requisitionOrders)
      .where(eq(requisitionOrders.id, id));
    if (order.status !== 'issued' || !row?.code)
      throw new AppError(
        'requisition.wrong_status',
        `order is ${order.status}; a certificate needs an issued order`,
      );
    await d.audit.append({
      actor: v.accountId,
      action: 'requisition.certificate.printed',
      subjectType: 'requisition_order',
      subjectId: id,
      purpose: order.incidentId,
    });
    return renderCertificate(order, d.sealer.open(row.code), d.certificate.issuer);
  }
  mount(
    r,
    R.certificate,
    async ({ params, req, res }) => {
      const html = await certificateHtml(req, params.id);
      res.type('html').set('cache-control', 'no-store').send(html);
      return '';
    },
    opts,
  );
  mount(
    r,
    R.certificatePdf,
    async ({ params, req, res }) => {
      const pdf = await d.pdf.render(await certificateHtml(req, params.id));
      res
        .type('application/pdf')
        .set('cache-control', 'no-store')
        .set('content-disposition', `inline; filename="requisition-certificate-${params.id}.pdf"`)
        .send(pdf);
      return '';
    },
    opts,
  );
  mount(
    r,
    R.map,
    async ({ query, req }) => {
      requireViewer(req, ...READER_ROLES);
      return { items: await requisitionMapItems(d.db, query) };
    },
    opts,
  );
  return r;
}
