import { eq } from 'drizzle-orm';
import { AppError, type TTeam, type TTeamFilingRequest } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import { setAccountTeam } from '../../platform/access/index.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { FILING_LEGAL_BASIS, uniqueViolation, type ForcesDeps } from './deps.ts';
import { lockTeam, reload, requireLeader, requireStatus } from './team-guards.ts';
import {
  forcesCapabilities,
  forcesEquipment,
  forcesInsurancePolicies,
  forcesTeams,
} from './tables.ts';

function filingColumns(b: TTeamFilingRequest) {
  return {
    name: b.name,
    kind: b.kind,
    creditCode: b.creditCode,
    baseLon: b.base.lon,
    baseLat: b.base.lat,
    baseAddress: b.base.address,
    serviceArea: b.serviceArea,
    leaderName: b.leader.name,
    leaderPhone: b.leader.phone,
    contacts: b.contacts,
  };
}

/** Replaces a team's capabilities, equipment and policies with the filing's. */
async function replaceChildren(tx: Tx, teamId: string, b: TTeamFilingRequest): Promise<void> {
  await tx.delete(forcesCapabilities).where(eq(forcesCapabilities.teamId, teamId));
  await tx.delete(forcesEquipment).where(eq(forcesEquipment.teamId, teamId));
  await tx.delete(forcesInsurancePolicies).where(eq(forcesInsurancePolicies.teamId, teamId));
  await tx
    .insert(forcesCapabilities)
    .values(b.capabilities.map((capability) => ({ teamId, capability })));
  if (b.equipment.length > 0)
    await tx
      .insert(forcesEquipment)
      .values(b.equipment.map((e) => ({ id: newId(), teamId, kind: e.kind, count: e.count })));
  if (b.insurance.length > 0)
    await tx.insert(forcesInsurancePolicies).values(
      b.insurance.map((p) => ({
        id: newId(),
        teamId,
        insurer: p.insurer,
        number: p.number,
        insuredMemberIds: p.insuredMemberIds ?? null,
        validFrom: p.validFrom,
        validTo: p.validTo,
      })),
    );
}

/** The credit code is unique across teams; say so by name rather than as a 500. */
async function guardCreditCode<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (uniqueViolation(err) === 'forces_teams_credit_code_idx')
      throw new AppError('forces.credit_code_taken');
    throw err;
  }
}

/** A team leader files their team as a draft; their account is linked to it in the same transaction. */
export async function fileTeam(
  d: ForcesDeps,
  viewer: Viewer,
  b: TTeamFilingRequest,
): Promise<TTeam> {
  if (viewer.teamId) throw new AppError('forces.already_filed', viewer.teamId);
  const id = newId();
  const now = d.clock.now();
  await guardCreditCode(() =>
    d.db.transaction(async (tx) => {
      await tx.insert(forcesTeams).values({
        id,
        ...filingColumns(b),
        status: 'draft',
        leaderAccountId: viewer.accountId,
        returnReasons: [],
        createdAt: now,
        updatedAt: now,
      });
      await replaceChildren(tx, id, b);
      if (!(await setAccountTeam(tx, viewer.accountId, id)))
        throw new AppError('forces.already_filed', '');
      await d.outbox.append(tx, [
        {
          type: 'forces.team.filed',
          actor: viewer.accountId,
          data: {
            teamId: id,
            name: b.name,
            kind: b.kind,
            capabilities: b.capabilities,
            serviceArea: b.serviceArea,
          },
        },
      ]);
      await d.audit.append(
        {
          actor: viewer.accountId,
          action: 'forces.team.filed',
          subjectType: 'team',
          subjectId: id,
          legalBasis: FILING_LEGAL_BASIS,
        },
        tx,
      );
    }),
  );
  return reload(d, id);
}

/** The leader replaces the filing while it is theirs to change (draft or returned). */
export async function editTeam(
  d: ForcesDeps,
  viewer: Viewer,
  id: string,
  b: TTeamFilingRequest,
): Promise<TTeam> {
  await guardCreditCode(() =>
    d.db.transaction(async (tx) => {
      const team = await lockTeam(tx, id);
      requireLeader(viewer, team);
      requireStatus(team, 'draft', 'returned');
      await tx
        .update(forcesTeams)
        .set({ ...filingColumns(b), updatedAt: d.clock.now() })
        .where(eq(forcesTeams.id, id));
      await replaceChildren(tx, id, b);
      await d.audit.append(
        {
          actor: viewer.accountId,
          action: 'forces.team.edited',
          subjectType: 'team',
          subjectId: id,
        },
        tx,
      );
    }),
  );
  return reload(d, id);
}

/** The leader hands the filing in; after a return this is the resubmission. */
export async function submitTeam(d: ForcesDeps, viewer: Viewer, id: string): Promise<TTeam> {
  await d.db.transaction(async (tx) => {
    const team = await lockTeam(tx, id);
    requireLeader(viewer, team);
    requireStatus(team, 'draft', 'returned');
    const now = d.clock.now();
    await tx
      .update(forcesTeams)
      .set({ status: 'submitted', submittedAt: now, submittedBy: viewer.accountId, updatedAt: now })
      .where(eq(forcesTeams.id, id));
    const resubmission = team.status === 'returned';
    await d.outbox.append(tx, [
      {
        type: 'forces.team.submitted',
        actor: viewer.accountId,
        data: { teamId: id, resubmission },
      },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'forces.team.submitted',
        subjectType: 'team',
        subjectId: id,
        legalBasis: FILING_LEGAL_BASIS,
        detail: { resubmission },
      },
      tx,
    );
  });
  return reload(d, id);
}
