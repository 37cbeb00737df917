import { Router } from 'express';
import { forcesCallupRoutes as routes } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer } from '../../platform/access/index.ts';
import type { CallupContext } from './callup-deps.ts';
import {
  callupCandidates,
  getCallup,
  listCallups,
  previewCallup,
  teamRow,
} from './callup-read-service.ts';
import { listForcesIncidents, myCallups } from './callup-portal.ts';
import { closeCallup, createCallup } from './callup-service.ts';
import { dispatch } from './dispatch-service.ts';
import { answerCallup } from './dispatch-answer.ts';
import { checkIn, setDeploymentStatus, standDown } from './deployment-service.ts';
import type { PositionReporter } from './positions-service.ts';

/** Who reads the office's side of call-ups (boards, lists); teams read their own in the portal. */
const OFFICE = ['admin', 'duty_officer', 'commander', 'department', 'observer'] as const;
/** Who orders and directs call-ups; the service narrows a commander to their own incidents. */
const COMMAND = ['duty_officer', 'commander'] as const;
/** Who acts for a deployed team, or records it for them; the service checks which team. */
const TEAM_OR_COMMAND = ['team_leader', 'team_member', 'duty_officer', 'commander'] as const;

/**
 * Call-up, dispatch, deployment and position routes. Roles are checked here; whose incident or
 * team it is, in the service inside the transaction that changes it.
 */
export function callupRouter(c: CallupContext, positions: PositionReporter): Router {
  const r = Router();
  const opts = { checkResponses: c.checkResponses ?? false };
  mount(
    r,
    routes.listForcesIncidents,
    ({ query, req }) => {
      requireViewer(req, ...OFFICE);
      return listForcesIncidents(c, query);
    },
    opts,
  );
  mount(
    r,
    routes.previewCallup,
    ({ body, req }) => previewCallup(c, requireViewer(req, ...COMMAND), body),
    opts,
  );
  mount(
    r,
    routes.createCallup,
    async ({ body, req }) => {
      const v = requireViewer(req, ...COMMAND);
      return getCallup(c, v, await createCallup(c, v, body));
    },
    opts,
  );
  mount(
    r,
    routes.listCallups,
    ({ query, req }) => {
      requireViewer(req, ...OFFICE);
      return listCallups(c, query);
    },
    opts,
  );
  mount(
    r,
    routes.getCallup,
    ({ params, req }) => getCallup(c, requireViewer(req, ...OFFICE), params.id),
    opts,
  );
  mount(
    r,
    routes.callupCandidates,
    ({ params, query, req }) =>
      callupCandidates(c, requireViewer(req, ...COMMAND), params.id, query),
    opts,
  );
  mount(
    r,
    routes.dispatchCallup,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...COMMAND);
      await dispatch(c, v, params.id, body.teams);
      return getCallup(c, v, params.id);
    },
    opts,
  );
  mount(
    r,
    routes.closeCallup,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...COMMAND);
      await closeCallup(c, v, params.id, body.reason);
      return getCallup(c, v, params.id);
    },
    opts,
  );
  mount(
    r,
    routes.answerCallup,
    async ({ params, body, req }) => {
      const v = requireViewer(req, 'team_leader');
      await answerCallup(c, v, params.id, params.teamId, body);
      return teamRow(c, v, params.id, params.teamId);
    },
    opts,
  );
  mount(
    r,
    routes.checkIn,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...TEAM_OR_COMMAND);
      await checkIn(c, v, params.id, params.teamId, body.memberIds);
      return teamRow(c, v, params.id, params.teamId);
    },
    opts,
  );
  mount(
    r,
    routes.setDeploymentStatus,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...TEAM_OR_COMMAND);
      await setDeploymentStatus(c, v, params.id, params.teamId, body.status);
      return teamRow(c, v, params.id, params.teamId);
    },
    opts,
  );
  mount(
    r,
    routes.standDown,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...COMMAND);
      await standDown(c, v, params.id, params.teamId, body);
      return teamRow(c, v, params.id, params.teamId);
    },
    opts,
  );
  mount(
    r,
    routes.myCallups,
    ({ query, req }) => myCallups(c, requireViewer(req, 'team_leader', 'team_member'), query),
    opts,
  );
  mount(
    r,
    routes.reportPosition,
    ({ body, req }) => positions.report(requireViewer(req, 'team_leader', 'team_member'), body),
    opts,
  );
  return r;
}
