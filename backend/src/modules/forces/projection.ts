import { ZMember, ZTeam, type TMember, type TTeam } from '@muster/contracts';
import { project } from '../../platform/access/policy.ts';
import type { AuditInput } from '../../platform/access/audit-writer.ts';
import type { AnyViewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';

/**
 * The one way a team or member leaves the module: through the personal-information policy for
 * this viewer, with every whole view of a sensitive field written to the audit chain before the
 * answer goes out.
 */
export async function projectTeams(
  d: Pick<ForcesDeps, 'audit'>,
  viewer: AnyViewer,
  teams: readonly TTeam[],
): Promise<TTeam[]> {
  const views: AuditInput[] = [];
  const out = teams.map((t) => {
    const p = project(ZTeam, t, {
      viewer,
      subjectOf: (_obj, path) =>
        path === 'leader'
          ? { type: 'team', id: t.id, teamId: t.id, isLeader: true, accountId: t.leaderAccountId }
          : path.startsWith('contacts.')
            ? { type: 'team', id: t.id, teamId: t.id }
            : undefined,
    });
    views.push(...p.views);
    return p.value;
  });
  if (views.length > 0) await d.audit.append(views);
  return out;
}

export async function projectMembers(
  d: Pick<ForcesDeps, 'audit'>,
  viewer: AnyViewer,
  members: readonly TMember[],
): Promise<TMember[]> {
  const views: AuditInput[] = [];
  const out = members.map((m) => {
    // Every personal field of a member, nested certificates too, is that member's.
    const subject = { type: 'member', id: m.id, teamId: m.teamId, accountId: m.accountId };
    const p = project(ZMember, m, { viewer, subjectOf: () => subject });
    views.push(...p.views);
    return p.value;
  });
  if (views.length > 0) await d.audit.append(views);
  return out;
}
