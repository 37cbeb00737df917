import { Router } from 'express';
import { forcesRoutes } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer, viewerOf } from '../../platform/access/index.ts';
import type { ForcesDeps } from './deps.ts';
import { addMember } from './member-service.ts';
import { getTeam, listMembers, listTeams, lookupMember } from './read-service.ts';
import { editTeam, fileTeam, submitTeam } from './service.ts';
import { approveTeam, returnTeam } from './review-service.ts';
import { projectMembers, projectTeams } from './projection.ts';
import { registryRouter } from './registry-routes.ts';

/**
 * The registry's HTTP routes. Roles are checked here; who may touch which team (its own leader,
 * an independent reviewer) is checked in the service, inside the transaction that changes it.
 */
export function forcesRouter(d: ForcesDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const one = async (
    viewer: ReturnType<typeof viewerOf>,
    t: Parameters<typeof projectTeams>[2][number],
  ) => (await projectTeams(d, viewer, [t]))[0]!;

  mount(
    r,
    forcesRoutes.fileTeam,
    async ({ body, req }) => {
      const v = requireViewer(req, 'team_leader');
      return one(v, await fileTeam(d, v, body));
    },
    opts,
  );
  mount(
    r,
    forcesRoutes.editTeam,
    async ({ params, body, req }) => {
      const v = requireViewer(req, 'team_leader');
      return one(v, await editTeam(d, v, params.id, body));
    },
    opts,
  );
  mount(
    r,
    forcesRoutes.submitTeam,
    async ({ params, req }) => {
      const v = requireViewer(req, 'team_leader');
      return one(v, await submitTeam(d, v, params.id));
    },
    opts,
  );
  mount(
    r,
    forcesRoutes.approveTeam,
    async ({ params, req }) => {
      const v = requireViewer(req, 'admin', 'duty_officer');
      return one(v, await approveTeam(d, v, params.id));
    },
    opts,
  );
  mount(
    r,
    forcesRoutes.returnTeam,
    async ({ params, body, req }) => {
      const v = requireViewer(req, 'admin', 'duty_officer');
      return one(v, await returnTeam(d, v, params.id, body.reasons));
    },
    opts,
  );
  mount(r, forcesRoutes.listTeams, ({ query, req }) => listTeams(d, viewerOf(req), query), opts);
  mount(r, forcesRoutes.getTeam, ({ params, req }) => getTeam(d, viewerOf(req), params.id), opts);
  mount(
    r,
    forcesRoutes.addMember,
    async ({ params, body, req }) => {
      const v = requireViewer(req, 'team_leader');
      const [m] = await projectMembers(d, v, [await addMember(d, v, params.id, body)]);
      return m!;
    },
    opts,
  );
  mount(
    r,
    forcesRoutes.listMembers,
    ({ params, req }) => listMembers(d, requireViewer(req), params.id),
    opts,
  );
  mount(
    r,
    forcesRoutes.lookupMember,
    ({ body, req }) => lookupMember(d, requireViewer(req, 'admin', 'duty_officer'), body.idNumber),
    opts,
  );
  r.use(registryRouter(d));
  return r;
}
