import type { z } from 'zod';
import { ZMember, ZTeam, type TMember, type TTeam } from '@muster/contracts';
import { project, type Subject } from '../../platform/access/policy.ts';
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

/**
 * Rows that each belong to one person (a member, their hours, a reminder of their certificate),
 * projected through `schema` with that person as the subject of every personal field in the row.
 */
export async function projectEach<T>(
  d: Pick<ForcesDeps, 'audit'>,
  viewer: AnyViewer,
  schema: z.ZodType,
  rows: readonly T[],
  subjectOf: (row: T) => Subject,
): Promise<T[]> {
  const views: AuditInput[] = [];
  const out = rows.map((r) => {
    const subject = subjectOf(r);
    const p = project(schema, r, { viewer, subjectOf: () => subject });
    views.push(...p.views);
    return p.value;
  });
  if (views.length > 0) await d.audit.append(views);
  return out;
}

export function projectMembers(
  d: Pick<ForcesDeps, 'audit'>,
  viewer: AnyViewer,
  members: readonly TMember[],
): Promise<TMember[]> {
  // Every personal field of a member, nested certificates too, is that member's.
  return projectEach(d, viewer, ZMember, members, (m) => ({
    type: 'member',
    id: m.id,
    teamId: m.teamId,
    accountId: m.accountId,
  }));
}
