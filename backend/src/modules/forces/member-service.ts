import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError, type TMember, type TMemberRequest } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { FILING_LEGAL_BASIS, uniqueViolation, type ForcesDeps } from './deps.ts';
import { forcesCertificates, forcesMembers, forcesTeams } from './tables.ts';
import { registryNow } from './calendar.ts';
import { refreshReadiness } from './readiness-service.ts';

type MemberRow = typeof forcesMembers.$inferSelect;

/**
 * A roll changes while the team is being prepared or is in service (lapsed and suspended teams
 * too: putting things right is how they come back), not under review nor once revoked.
 */
export const ROLL_OPEN = ['draft', 'returned', 'approved', 'lapsed', 'suspended'];

/** The leader adds a member; sensitive fields are sealed before they reach the database. */
export async function addMember(
  d: ForcesDeps,
  viewer: Viewer,
  teamId: string,
  b: TMemberRequest,
): Promise<TMember> {
  const id = newId();
  try {
    await d.db.transaction(async (tx) => {
      const [team] = await tx
        .select()
        .from(forcesTeams)
        .where(eq(forcesTeams.id, teamId))
        .for('share');
      if (!team) throw new AppError('forces.team_not_found', teamId);
      if (team.leaderAccountId !== viewer.accountId) throw new AppError('forces.not_your_team');
      if (!ROLL_OPEN.includes(team.status)) throw new AppError('forces.wrong_status', team.status);
      await tx.insert(forcesMembers).values({
        id,
        teamId,
        accountId: null,
        name: b.name,
        phone: b.phone,
        idNumberSealed: d.sealer.seal(b.idNumber),
        idNumberIndex: d.sealer.index(b.idNumber),
        emergencyContact: b.emergencyContact,
        skills: b.skills,
        healthNotesSealed: b.healthNotes ? d.sealer.seal(b.healthNotes) : null,
        createdAt: registryNow(d),
      });
      if (b.certificates.length > 0)
        await tx.insert(forcesCertificates).values(
          b.certificates.map((c) => ({
            id: newId(),
            memberId: id,
            name: c.name,
            numberSealed: d.sealer.seal(c.number),
            expiresOn: c.expiresOn,
          })),
        );
      await d.outbox.append(tx, [
        {
          type: 'forces.member.added',
          actor: viewer.accountId,
          data: {
            teamId,
            memberId: id,
            skills: b.skills,
            certificateCount: b.certificates.length,
          },
        },
      ]);
      await d.audit.append(
        {
          actor: viewer.accountId,
          action: 'forces.member.added',
          subjectType: 'member',
          subjectId: id,
          legalBasis: FILING_LEGAL_BASIS,
          detail: { teamId },
        },
        tx,
      );
      // A new member changes the roll the attendance and insurance cover are measured against.
      await refreshReadiness(d, tx, teamId, registryNow(d), viewer.accountId);
    });
  } catch (err) {
    if (uniqueViolation(err) === 'forces_members_team_id_number_idx')
      throw new AppError('forces.member_duplicate');
    throw err;
  }
  const [member] = await loadMembers(d, d.db, [id], 'ids');
  if (!member) throw new AppError('resource.not_found', `member ${id}`);
  return member;
}

/** Whole members (sealed fields opened) of a team, or with the given ids. */
export async function loadMembers(
  d: Pick<ForcesDeps, 'sealer'>,
  db: Executor,
  keys: readonly string[],
  by: 'team' | 'ids' | 'idNumberIndex',
): Promise<TMember[]> {
  if (keys.length === 0) return [];
  const col =
    by === 'team'
      ? forcesMembers.teamId
      : by === 'ids'
        ? forcesMembers.id
        : forcesMembers.idNumberIndex;
  const rows = await db
    .select()
    .from(forcesMembers)
    // A roll is the members on it now; someone who left is found by id only (their hours).
    .where(and(inArray(col, [...keys]), by === 'ids' ? undefined : isNull(forcesMembers.leftAt)))
    .orderBy(asc(forcesMembers.id));
  if (rows.length === 0) return [];
  const certs = await db
    .select()
    .from(forcesCertificates)
    .where(
      inArray(
        forcesCertificates.memberId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(forcesCertificates.expiresOn));
  return rows.map((m: MemberRow) => ({
    id: m.id,
    teamId: m.teamId,
    accountId: m.accountId,
    name: m.name,
    idNumber: d.sealer.open(m.idNumberSealed),
    phone: m.phone,
    emergencyContact: m.emergencyContact,
    skills: m.skills,
    certificates: certs
      .filter((c) => c.memberId === m.id)
      .map((c) => ({
        id: c.id,
        name: c.name,
        number: d.sealer.open(c.numberSealed),
        expiresOn: c.expiresOn,
      })),
    ...(m.healthNotesSealed ? { healthNotes: d.sealer.open(m.healthNotesSealed) } : {}),
    createdAt: m.createdAt.toISOString(),
  }));
}
