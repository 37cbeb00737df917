import { sql, type SQL } from 'drizzle-orm';
import type { Capability, TeamReadiness, TeamStatus } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import type { TeamSnapshot } from './matching.ts';

/*
 * What matching needs of each team, read from the registry's tables (read only) and the call-up
 * board: filing status and approval, base, capabilities, readiness, insurance, certificates, and
 * the incidents the team is deployed to. Raw SQL with one query per part, grouped here, so a
 * full load of 50,000 teams is a handful of statements.
 */

type TeamPart = {
  id: string;
  name: string;
  status: string;
  approval_expires_at: string | null;
  base_lon: number;
  base_lat: number;
  readiness: string;
};

const only = (ids: readonly string[] | undefined, column: SQL): SQL =>
  ids ? sql`${column} = any(${sql.param([...ids])}::uuid[])` : sql`true`;

function grouped<T extends { team_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.team_id);
    if (list) list.push(r);
    else out.set(r.team_id, [r]);
  }
  return out;
}

/**
 * Snapshots of the given teams (all when `ids` is absent). A team missing from the result no
 * longer exists. Insurance counts when a policy covers every member of the team. Certificates:
 * per member and certificate name the latest expiry counts (a renewal replaces the old one), and
 * the team's is the earliest of those. Drills do not make a team "deployed": a real call-up may
 * take a team from an exercise.
 */
export async function loadTeamSnapshots(
  db: Executor,
  ids?: readonly string[],
): Promise<TeamSnapshot[]> {
  if (ids?.length === 0) return [];
  const [teams, caps, cover, certs, deployed] = await Promise.all([
    db.execute<TeamPart>(sql`
      select id, name, status, to_char(approval_expires_at at time zone 'UTC',
               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as approval_expires_at,
             base_lon, base_lat, readiness
      from forces_teams where ${only(ids, sql`id`)}`),
    db.execute<{ team_id: string; capability: string }>(sql`
      select team_id, capability from forces_capabilities where ${only(ids, sql`team_id`)}`),
    db.execute<{ team_id: string; valid_from: string; valid_to: string }>(sql`
      select p.team_id, to_char(p.valid_from, 'YYYY-MM-DD') as valid_from,
             to_char(p.valid_to, 'YYYY-MM-DD') as valid_to
      from forces_insurance_policies p
      where ${only(ids, sql`p.team_id`)}
        and (p.insured_member_ids is null or not exists (
          select 1 from forces_members m
          where m.team_id = p.team_id and not (m.id = any(p.insured_member_ids))))`),
    db.execute<{ team_id: string; until: string }>(sql`
      select team_id, to_char(min(latest), 'YYYY-MM-DD') as until from (
        select m.team_id, max(c.expires_on) as latest
        from forces_certificates c join forces_members m on m.id = c.member_id
        where ${only(ids, sql`m.team_id`)}
        group by m.team_id, m.id, c.name) per_certificate
      group by team_id`),
    db.execute<{ team_id: string; incident_id: string }>(sql`
      select distinct team_id, incident_id from forces_callup_assignments
      where status = 'accepted' and not exercise and ${only(ids, sql`team_id`)}`),
  ]);
  const capsBy = grouped(caps);
  const coverBy = grouped(cover);
  const certBy = new Map(certs.map((c) => [c.team_id, c.until]));
  const deployedBy = grouped(deployed);
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    status: t.status as TeamStatus,
    approvalExpiresAt: t.approval_expires_at,
    lon: t.base_lon,
    lat: t.base_lat,
    capabilities: (capsBy.get(t.id) ?? []).map((c) => c.capability as Capability),
    readiness: t.readiness as TeamReadiness,
    insurance: (coverBy.get(t.id) ?? []).map((p) => ({
      validFrom: p.valid_from,
      validTo: p.valid_to,
    })),
    certificates: { overall: certBy.get(t.id) ?? null },
    deployedTo: (deployedBy.get(t.id) ?? []).map((d) => d.incident_id),
  }));
}
