import { sql } from 'drizzle-orm';
import type { DestroyResult, Kept, PersonalDataHolder } from '../../platform/access/destruction.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { CallupContext } from './callup-deps.ts';

const keptIds = (k: Kept | undefined): string[] => (k && k !== 'all' ? [...k] : []);

/** The incident's tracks, except those a hold keeps (by member, account or team id). */
async function destroyTracks(
  tx: Tx,
  incidentId: string,
  k: Kept | undefined,
): Promise<DestroyResult> {
  if (k === 'all') {
    const [n] = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from forces_position_tracks where incident_id = ${incidentId}`,
    );
    return { category: 'tracks', destroyed: 0, keptUnderHold: n?.n ?? 0 };
  }
  const keep = sql.param(keptIds(k));
  const held = sql`(member_id = any(${keep}::uuid[]) or account_id = any(${keep}::uuid[])
    or team_id = any(${keep}::uuid[]))`;
  const gone = await tx.execute(
    sql`delete from forces_position_tracks where incident_id = ${incidentId} and not ${held} returning 1`,
  );
  const [left] = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from forces_position_tracks where incident_id = ${incidentId}`,
  );
  return { category: 'tracks', destroyed: gone.length, keptUnderHold: left?.n ?? 0 };
}

/** An incident no team reported for leaves no record: there was nothing to destroy. */
const nonEmpty = (r: DestroyResult[]) => r.filter((x) => x.destroyed + x.keptUnderHold > 0);

/**
 * Positions gathered for an incident are destroyed when it closes (Emergency Response Law
 * art. 85): the sealed tracks, and each deployed team's last position in the KV bucket when it
 * is still this incident's. What a hold keeps stays (subjects: member, account or team ids).
 * Running it twice destroys nothing more.
 */
export function positionsHolder(c: CallupContext): PersonalDataHolder {
  return {
    name: 'forces.positions',
    categories: ['tracks', 'last_positions'],
    async destroy(tx, incidentId, kept) {
      const results = [await destroyTracks(tx, incidentId, kept.get('tracks'))];
      const lp = c.lastPositions;
      if (!lp) return nonEmpty(results);
      const k = kept.get('last_positions');
      const teams = await tx.execute<{ team_id: string }>(
        sql`select distinct team_id from forces_callup_assignments where incident_id = ${incidentId}`,
      );
      let destroyed = 0;
      let held = 0;
      for (const { team_id: teamId } of teams) {
        const last = await lp.get(teamId);
        if (last?.incidentId !== incidentId) continue;
        if (k === 'all' || keptIds(k).includes(teamId)) held++;
        else {
          await lp.purge(teamId);
          destroyed++;
        }
      }
      results.push({ category: 'last_positions', destroyed, keptUnderHold: held });
      return nonEmpty(results);
    },
  };
}
