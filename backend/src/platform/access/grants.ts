import { and, eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Role } from '@muster/contracts';
import type { Executor } from '../db/client.ts';
import { newId } from '../ids.ts';
import { notifyAccessChanged } from './access-changes.ts';
import { accessGrants } from './tables.ts';
import type { Viewer } from './viewer.ts';

export type GrantKind = 'command' | 'deployment';

/**
 * Announced on commit of every grant change, so live sockets gain or lose what a grant justified
 * at once rather than at the gateway's next poll (the gateway listens; see realtime/access-watch).
 */
export const GRANTS_CHANGED_CHANNEL = 'muster_access_grants';

async function announce(
  tx: Executor,
  incidentId: string,
  holders: { accountId: string | null; teamId: string | null }[],
): Promise<void> {
  await tx.execute(sql`select pg_notify(${GRANTS_CHANGED_CHANNEL}, ${incidentId})`);
  // Viewers carry their grants: each process drops those of the holders.
  await notifyAccessChanged(tx, {
    accounts: holders.map((h) => h.accountId),
    teams: holders.map((h) => h.teamId),
  });
}

/**
 * Purposes modules grant from their events: `command` (an account commands an incident) and
 * `deployment` (a team is deployed to an incident). Ending one takes the purpose away at once:
 * the next request, and the sockets that held it, lose what it justified.
 */
export interface Grants {
  grant(
    tx: Executor,
    g: {
      kind: GrantKind;
      incidentId: string;
      accountId?: string;
      teamId?: string;
      at: Date;
      sourceEventId?: string;
    },
  ): Promise<void>;
  end(
    tx: Executor,
    g: { kind: GrantKind; incidentId: string; accountId?: string; teamId?: string; at: Date },
  ): Promise<number>;
  /** Ends every grant of an incident (its response ended). */
  endIncident(tx: Executor, incidentId: string, at: Date): Promise<number>;
}

export const grants: Grants = {
  async grant(tx, g) {
    const existing = await tx
      .select({ id: accessGrants.id })
      .from(accessGrants)
      .where(
        and(
          eq(accessGrants.kind, g.kind),
          eq(accessGrants.incidentId, g.incidentId),
          g.accountId ? eq(accessGrants.accountId, g.accountId) : isNull(accessGrants.accountId),
          g.teamId ? eq(accessGrants.teamId, g.teamId) : isNull(accessGrants.teamId),
          isNull(accessGrants.endedAt),
        ),
      )
      .limit(1);
    if (existing.length > 0) return;
    await tx.insert(accessGrants).values({
      id: newId(),
      kind: g.kind,
      incidentId: g.incidentId,
      accountId: g.accountId ?? null,
      teamId: g.teamId ?? null,
      grantedAt: g.at,
      sourceEventId: g.sourceEventId ?? null,
    });
    await announce(tx, g.incidentId, [
      { accountId: g.accountId ?? null, teamId: g.teamId ?? null },
    ]);
  },
  async end(tx, g) {
    const rows = await tx
      .update(accessGrants)
      .set({ endedAt: g.at })
      .where(
        and(
          eq(accessGrants.kind, g.kind),
          eq(accessGrants.incidentId, g.incidentId),
          g.accountId ? eq(accessGrants.accountId, g.accountId) : isNull(accessGrants.accountId),
          g.teamId ? eq(accessGrants.teamId, g.teamId) : isNull(accessGrants.teamId),
          isNull(accessGrants.endedAt),
        ),
      )
      .returning({ accountId: accessGrants.accountId, teamId: accessGrants.teamId });
    if (rows.length > 0) await announce(tx, g.incidentId, rows);
    return rows.length;
  },
  async endIncident(tx, incidentId, at) {
    const rows = await tx
      .update(accessGrants)
      .set({ endedAt: at })
      .where(and(eq(accessGrants.incidentId, incidentId), isNull(accessGrants.endedAt)))
      .returning({ accountId: accessGrants.accountId, teamId: accessGrants.teamId });
    if (rows.length > 0) await announce(tx, incidentId, rows);
    return rows.length;
  },
};

/** What `loadViewer` needs of an account. */
export interface ViewerAccount {
  id: string;
  role: Role;
  teamId: string | null;
  departmentId: string | null;
}

/** An active grant as the viewer reads it. */
export interface ActiveGrant {
  kind: string;
  incidentId: string;
  accountId: string | null;
}

/**
 * The active grants of an account and of its team, as a JSON array column, so that the session
 * look-up reads the session, its account and their grants in one statement.
 */
export function activeGrantsJson(account: { id: SQLWrapper; teamId: SQLWrapper }): SQL<string> {
  return sql<string>`coalesce((select json_agg(json_build_object('kind', g.kind,
      'incidentId', g.incident_id, 'accountId', g.account_id))::text
    from ${accessGrants} g
    where g.ended_at is null and (g.account_id = ${account.id} or g.team_id = ${account.teamId})),
    '[]')`;
}

/** The viewer of an account from its active grants (and its team's). */
export function viewerFrom(
  account: ViewerAccount,
  active: readonly ActiveGrant[],
  sessionId: string,
): Viewer {
  const commands = new Set<string>();
  const deployments = new Set<string>();
  for (const g of active) {
    if (g.kind === 'command' && g.accountId === account.id) commands.add(g.incidentId);
    else if (g.kind === 'deployment') deployments.add(g.incidentId);
  }
  return {
    kind: 'account',
    accountId: account.id,
    role: account.role,
    teamId: account.teamId,
    departmentId: account.departmentId,
    commands,
    deployments,
    sessionId,
  };
}

/** The viewer of an account now: its role and team, with the purposes its active grants give. */
export async function loadViewer(
  db: Executor,
  account: ViewerAccount,
  sessionId: string,
): Promise<Viewer> {
  const active = await db
    .select({
      kind: accessGrants.kind,
      incidentId: accessGrants.incidentId,
      accountId: accessGrants.accountId,
    })
    .from(accessGrants)
    .where(
      and(
        isNull(accessGrants.endedAt),
        account.teamId
          ? or(eq(accessGrants.accountId, account.id), eq(accessGrants.teamId, account.teamId))
          : eq(accessGrants.accountId, account.id),
      ),
    );
  return viewerFrom(account, active, sessionId);
}

/** Incidents each given team is deployed to now, for policy subjects. */
export async function deploymentsOfTeams(
  db: Executor,
  teamIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (teamIds.length === 0) return out;
  const rows = await db
    .select({ teamId: accessGrants.teamId, incidentId: accessGrants.incidentId })
    .from(accessGrants)
    .where(
      and(
        eq(accessGrants.kind, 'deployment'),
        isNull(accessGrants.endedAt),
        inArray(accessGrants.teamId, [...teamIds]),
      ),
    );
  for (const r of rows) {
    if (!r.teamId) continue;
    const s = out.get(r.teamId) ?? new Set<string>();
    s.add(r.incidentId);
    out.set(r.teamId, s);
  }
  return out;
}
