import { and, eq, isNull } from 'drizzle-orm';
import { AppError, type TMember, type TMemberUpdate } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import { findAccount } from '../../platform/access/accounts.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import { registryNow } from './calendar.ts';
import { loadMembers, ROLL_OPEN } from './member-service.ts';
import { refreshReadiness } from './readiness-service.ts';
import { lockTeam, requireLeader, requireStatus } from './team-guards.ts';
import { recordChange } from './team-events.ts';
import { forcesCertificates, forcesMembers } from './tables.ts';

/** Locks the team (leader, roll open) and finds the member on its current roll. */
async function onRoll(tx: Tx, viewer: Viewer, teamId: string, memberId: string) {
  const team = await lockTeam(tx, teamId);
  requireLeader(viewer, team);
  requireStatus(team, ...ROLL_OPEN);
  const [member] = await tx
    .select()
    .from(forcesMembers)
    .where(
      and(
        eq(forcesMembers.id, memberId),
        eq(forcesMembers.teamId, teamId),
        isNull(forcesMembers.leftAt),
      ),
    )
    .for('update');
  if (!member) throw new AppError('forces.member_not_found', memberId);
  return member;
}

/** Only an active account of this team, a member or its leader, may be linked to a member. */
async function requireLinkable(tx: Tx, teamId: string, accountId: string): Promise<void> {
  const acc = await findAccount(tx, accountId);
  if (
    !acc ||
    acc.teamId !== teamId ||
    acc.status !== 'active' ||
    !['team_member', 'team_leader'].includes(acc.role)
  )
    throw new AppError('forces.account_not_linkable', accountId);
}

/**
 * The leader keeps a member's record current (docs/forces.md "Maintenance"): phone, emergency
 * contact, skills, certificates (replaced as a list, numbers sealed) and health notes; and links
 * the member to their own account. No new review; evented and audited, readiness follows.
 */
export async function updateMember(
  d: ForcesDeps,
  viewer: Viewer,
  teamId: string,
  memberId: string,
  b: TMemberUpdate,
): Promise<TMember> {
  await d.db.transaction(async (tx) => {
    const member = await onRoll(tx, viewer, teamId, memberId);
    if (b.accountId) await requireLinkable(tx, teamId, b.accountId);
    await tx
      .update(forcesMembers)
      .set({
        name: b.name,
        phone: b.phone,
        emergencyContact: b.emergencyContact,
        skills: b.skills,
        healthNotesSealed: b.healthNotes ? d.sealer.seal(b.healthNotes) : null,
        ...(b.accountId === undefined ? {} : { accountId: b.accountId }),
      })
      .where(eq(forcesMembers.id, member.id));
    await tx.delete(forcesCertificates).where(eq(forcesCertificates.memberId, member.id));
    if (b.certificates.length > 0)
      await tx.insert(forcesCertificates).values(
        b.certificates.map((c) => ({
          id: newId(),
          memberId: member.id,
          name: c.name,
          numberSealed: d.sealer.seal(c.number),
          expiresOn: c.expiresOn,
        })),
      );
    await recordChange(d, tx, {
      actor: viewer.accountId,
      action: 'forces.member.updated',
      subjectType: 'member',
      subjectId: member.id,
      events: [
        {
          type: 'forces.team.maintained',
          actor: viewer.accountId,
          data: { teamId, what: 'member_updated', memberId: member.id },
        },
      ],
      detail: {
        teamId,
        certificates: b.certificates.length,
        linked: b.accountId === undefined ? 'unchanged' : b.accountId ? 'linked' : 'unlinked',
      },
    });
    await refreshReadiness(d, tx, teamId, registryNow(d), viewer.accountId);
  });
  const [out] = await loadMembers(d, d.db, [memberId], 'ids');
  if (!out) throw new AppError('forces.member_not_found', memberId);
  return out;
}

/**
 * Takes a member off the roll. The row stays (their service hours point at it, and a linked
 * account still sees its own hours) without certificates, so it no longer counts for insurance,
 * certificates or attendance.
 */
export async function removeMember(
  d: ForcesDeps,
  viewer: Viewer,
  teamId: string,
  memberId: string,
): Promise<{ memberId: string; removed: true }> {
  await d.db.transaction(async (tx) => {
    const member = await onRoll(tx, viewer, teamId, memberId);
    const now = registryNow(d);
    await tx.delete(forcesCertificates).where(eq(forcesCertificates.memberId, member.id));
    await tx.update(forcesMembers).set({ leftAt: now }).where(eq(forcesMembers.id, member.id));
    await recordChange(d, tx, {
      actor: viewer.accountId,
      action: 'forces.member.removed',
      subjectType: 'member',
      subjectId: member.id,
      events: [
        {
          type: 'forces.team.maintained',
          actor: viewer.accountId,
          data: { teamId, what: 'member_removed', memberId: member.id },
        },
      ],
      detail: { teamId },
    });
    await refreshReadiness(d, tx, teamId, now, viewer.accountId);
  });
  return { memberId, removed: true };
}
