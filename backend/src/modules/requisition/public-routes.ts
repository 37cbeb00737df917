import { Router } from 'express';
import { requisitionPublicRoutes as R } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import type { RequisitionDeps } from './deps.ts';
import { ownerAccess } from './public-status.ts';

/** The owner's routes: no sign-in, the certificate number and its verification code instead. */
export function publicRouter(d: RequisitionDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const owner = ownerAccess(d);
  mount(
    r,
    R.ownerStatus,
    ({ body, req }) =>
      owner.status(body.certificateNumber, body.verificationCode, req.ip ?? 'unknown'),
    opts,
  );
  mount(
    r,
    R.ownerObjection,
    ({ body, req }) =>
      owner.object(
        body.certificateNumber,
        body.verificationCode,
        req.ip ?? 'unknown',
        body.reasons,
      ),
    opts,
  );
  return r;
}
