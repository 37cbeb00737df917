import { eq } from 'drizzle-orm';
import type { TTeam, TTeamFilingRequest } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import type { MaintainedPart } from './amendment.ts';
import { registryNow } from './calendar.ts';
import { ROLL_OPEN } from './member-service.ts';
import { refreshReadiness } from './readiness-service.ts';
import { lockTeam, reload, requireLeader, requireStatus } from './team-guards.ts';
import { recordChange } from './team-events.ts';
import { forcesEquipment, forcesInsurancePolicies, forcesTeams } from './tables.ts';

/*
 * Maintenance after approval (docs/forces.md "Maintenance"): the leader keeps insurance,
 * equipment and contacts current without a new review, as long as the team is not under review
 * or revoked. Each change is evented and audited, and the readiness grade follows in the same
 * transaction (paperwork is part of it).
 */

async function maintain(
  d: ForcesDeps,
  viewer: Viewer,
  id: string,
  what: MaintainedPart,
  apply: (tx: Tx) => Promise<void>,
): Promise<TTeam> {
  await d.db.transaction(async (tx) => {
    const team = await lockTeam(tx, id);
    requireLeader(viewer, team);
    requireStatus(team, ...ROLL_OPEN);
    const now = registryNow(d);
    await apply(tx);
    await tx.update(forcesTeams).set({ updatedAt: now }).where(eq(forcesTeams.id, id));
    await recordChange(d, tx, {
      actor: viewer.accountId,
      action: 'forces.team.maintained',
      subjectType: 'team',
      subjectId: id,
      events: [
        { type: 'forces.team.maintained', actor: viewer.accountId, data: { teamId: id, what } },
      ],
      detail: { what },
    });
    await refreshReadiness(d, tx, id, now, viewer.accountId);
  });
  return reload(d, id);
}

/** Replaces the team's policies (the contract checked dates and overlaps). */
export function updateInsurance(
  d: ForcesDeps,
  viewer: Viewer,
  id: string,
  insurance: TTeamFilingRequest['insurance'],
): Promise<TTeam> {
  return maintain(d, viewer, id, 'insurance', async (tx) => {
    await tx.delete(forcesInsurancePolicies).where(eq(forcesInsurancePolicies.teamId, id));
    if (insurance.length > 0)
      await tx.insert(forcesInsurancePolicies).values(
        insurance.map((p) => ({
          id: newId(),
          teamId: id,
          insurer: p.insurer,
          number: p.number,
          insuredMemberIds: p.insuredMemberIds ?? null,
          validFrom: p.validFrom,
          validTo: p.validTo,
        })),
      );
  });
}

export function updateEquipment(
  d: ForcesDeps,
  viewer: Viewer,
  id: string,
  equipment: TTeamFilingRequest['equipment'],
): Promise<TTeam> {
  return maintain(d, viewer, id, 'equipment', async (tx) => {
    await tx.delete(forcesEquipment).where(eq(forcesEquipment.teamId, id));
    if (equipment.length > 0)
      await tx
        .insert(forcesEquipment)
        .values(equipment.map((e) => ({ id: newId(), teamId: id, kind: e.kind, count: e.count })));
  });
}

export function updateContacts(
  d: ForcesDeps,
  viewer: Viewer,
  id: string,
  b: Pick<TTeamFilingRequest, 'leader' | 'contacts'>,
): Promise<TTeam> {
  return maintain(d, viewer, id, 'contacts', async (tx) => {
    await tx
      .update(forcesTeams)
      .set({ leaderName: b.leader.name, leaderPhone: b.leader.phone, contacts: b.contacts })
      .where(eq(forcesTeams.id, id));
  });
}
