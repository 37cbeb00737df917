import { Router } from 'express';
import { forcesRegistryRoutes as routes, type TTeam } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer, viewerOf } from '../../platform/access/index.ts';
import type { AnyViewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import { registryNow } from './calendar.ts';
import { exportHours, exportMembers, exportSearch } from './export-service.ts';
import { ownHours, teamHours } from './hours-service.ts';
import { reinstateTeam, revokeTeam, suspendTeam } from './lifecycle-service.ts';
import { updateContacts, updateEquipment, updateInsurance } from './maintenance-service.ts';
import { removeMember, updateMember } from './member-maintenance.ts';
import { projectMembers, projectTeams } from './projection.ts';
import { visibleTeam } from './read-service.ts';
import { computeReadiness } from './readiness-service.ts';
import { listReminders } from './reminder-service.ts';
import { searchTeams } from './search-service.ts';
import { statistics } from './statistics-service.ts';
import {
  createSession,
  evaluateSession,
  listSessions,
  recordAttendance,
} from './training-commands.ts';

/**
 * The registry's routes after filing (docs/forces.md). Roles are checked here; who may touch
 * which team (its leader, an independent reviewer) in the services, inside their transactions.
 */
export function registryRouter(d: ForcesDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const one = async (v: AnyViewer, t: TTeam) => (await projectTeams(d, v, [t]))[0]!;
  const office = ['admin', 'duty_officer'] as const;

  mount(
    r,
    routes.suspendTeam,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...office);
      return one(v, await suspendTeam(d, v, params.id, body.reason));
    },
    opts,
  );
  mount(
    r,
    routes.reinstateTeam,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...office);
      return one(v, await reinstateTeam(d, v, params.id, body.note));
    },
    opts,
  );
  mount(
    r,
    routes.revokeTeam,
    async ({ params, body, req }) => {
      const v = requireViewer(req, ...office);
      return one(v, await revokeTeam(d, v, params.id, body.reason));
    },
    opts,
  );

  mount(
    r,
    routes.updateInsurance,
    async ({ params, body, req }) => {
      const v = requireViewer(req, 'team_leader');
      return one(v, await updateInsurance(d, v, params.id, body.insurance));
    },
    opts,
  );
  mount(
    r,
    routes.updateEquipment,
    async ({ params, body, req }) => {
      const v = requireViewer(req, 'team_leader');
      return one(v, await updateEquipment(d, v, params.id, body.equipment));
    },
    opts,
  );
  mount(
    r,
    routes.updateContacts,
    async ({ params, body, req }) => {
      const v = requireViewer(req, 'team_leader');
      return one(v, await updateContacts(d, v, params.id, body));
    },
    opts,
  );
  mount(
    r,
    routes.updateMember,
    async ({ params, body, req }) => {
      const v = requireViewer(req, 'team_leader');
      const m = await updateMember(d, v, params.id, params.memberId, body);
      return (await projectMembers(d, v, [m]))[0]!;
    },
    opts,
  );
  mount(
    r,
    routes.removeMember,
    ({ params, req }) =>
      removeMember(d, requireViewer(req, 'team_leader'), params.id, params.memberId),
    opts,
  );

  mount(
    r,
    routes.recordSession,
    ({ params, body, req }) =>
      createSession(d, requireViewer(req, 'team_leader', ...office), params.id, body),
    opts,
  );
  mount(
    r,
    routes.listSessions,
    ({ params, query, req }) => listSessions(d, requireViewer(req), params.id, query),
    opts,
  );
  mount(
    r,
    routes.recordAttendance,
    ({ params, body, req }) =>
      recordAttendance(
        d,
        requireViewer(req, 'team_leader', ...office),
        params.sessionId,
        body.attendance,
      ),
    opts,
  );
  mount(
    r,
    routes.evaluateSession,
    ({ params, body, req }) =>
      evaluateSession(d, requireViewer(req, ...office), params.sessionId, body),
    opts,
  );
  mount(
    r,
    routes.getReadiness,
    async ({ params, req }) => {
      await visibleTeam(d, viewerOf(req), params.id);
      return computeReadiness(d.db, params.id, registryNow(d));
    },
    opts,
  );

  mount(
    r,
    routes.teamHours,
    ({ params, query, req }) => teamHours(d, requireViewer(req), params.id, query),
    opts,
  );
  mount(
    r,
    routes.exportTeamHours,
    ({ params, query, req }) => exportHours(d, requireViewer(req), params.id, query),
    opts,
  );
  mount(r, routes.ownHours, ({ query, req }) => ownHours(d, requireViewer(req), query), opts);
  mount(
    r,
    routes.exportMembers,
    ({ params, req }) => exportMembers(d, requireViewer(req), params.id),
    opts,
  );

  mount(r, routes.searchTeams, ({ body, req }) => searchTeams(d, viewerOf(req), body), opts);
  mount(r, routes.exportSearch, ({ body, req }) => exportSearch(d, requireViewer(req), body), opts);
  mount(
    r,
    routes.statistics,
    ({ req }) => {
      requireViewer(req, ...office, 'commander', 'department', 'observer');
      return statistics(d);
    },
    opts,
  );
  mount(
    r,
    routes.reminders,
    ({ query, req }) => listReminders(d, requireViewer(req, ...office, 'team_leader'), query),
    opts,
  );
  return r;
}
