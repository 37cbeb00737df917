import { eq } from 'drizzle-orm';
import { AppError, type TTeam } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import { loadTeam, type TeamRow } from './team-reader.ts';
import { registryNow } from './calendar.ts';
import { forcesTeams } from './tables.ts';

/** Locks a team row for a state change; not found by its id is a 404 naming it. */
export async function lockTeam(tx: Tx, id: string): Promise<TeamRow> {
  const [row] = await tx.select().from(forcesTeams).where(eq(forcesTeams.id, id)).for('update');
  if (!row) throw new AppError('forces.team_not_found', id);
  return row;
}

export function requireLeader(viewer: Viewer, team: TeamRow): void {
  if (team.leaderAccountId !== viewer.accountId) throw new AppError('forces.not_your_team');
}

export function requireStatus(team: TeamRow, ...allowed: string[]): void {
  if (!allowed.includes(team.status)) throw new AppError('forces.wrong_status', team.status);
}

/** Whoever leads, belongs to or handed in the filing does not review it. */
export function requireIndependentReviewer(viewer: Viewer, team: TeamRow): void {
  if (
    team.leaderAccountId === viewer.accountId ||
    team.submittedBy === viewer.accountId ||
    viewer.teamId === team.id
  )
    throw new AppError('forces.self_review');
}

export async function reload(d: ForcesDeps, id: string): Promise<TTeam> {
  const team = await loadTeam(d.db, id, registryNow(d));
  if (!team) throw new AppError('forces.team_not_found', id);
  return team;
}
