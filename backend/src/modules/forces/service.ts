import { eq } from 'drizzle-orm';
import {
  AppError,
  RENEWAL_WINDOW_DAYS,
  type TTeam,
  type TTeamFilingRequest,
} from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import { setAccountTeam } from '../../platform/access/index.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { FILING_LEGAL_BASIS, uniqueViolation, type ForcesDeps } from './deps.ts';
import { lockTeam, reload, requireLeader, requireStatus } from './team-guards.ts';
import { registryNow } from './calendar.ts';
import { amendmentOf } from './amendment.ts';
import { refreshReadiness } from './readiness-service.ts';
import { recordChange } from './team-events.ts';
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

/**
 * The leader replaces the filing while it is theirs to change (draft, returned or lapsed). On an
 * approved team it is an amendment (docs/forces.md "Maintenance"): contacts, equipment and
 * insurance change at once without a new review; a change to the core of the filing (name, kind,
 * credit code, base, service area, capabilities) sends it back to review as a resubmission.
 */
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
      requireStatus(team, 'draft', 'returned', 'lapsed', 'approved');
      const now = registryNow(d);
      const amendment =
        team.status === 'approved' ? await amendmentOf(tx, team, b, now) : undefined;
      const toReview = amendment?.core === true;
      await tx
        .update(forcesTeams)
        .set({
          ...filingColumns(b),
          updatedAt: now,
          ...(toReview
            ? {
                status: 'submitted',
                submittedAt: now,
                submittedBy: viewer.accountId,
                renewalSubmittedAt: null,
              }
            : {}),
        })
        .where(eq(forcesTeams.id, id));
      await replaceChildren(tx, id, b);
      await recordChange(d, tx, {
        actor: viewer.accountId,
        action: toReview ? 'forces.team.amended' : 'forces.team.edited',
        subjectType: 'team',
        subjectId: id,
        events: toReview
          ? [
              {
                type: 'forces.team.submitted',
                actor: viewer.accountId,
                data: { teamId: id, resubmission: true },
              },
            ]
          : (amendment?.maintained ?? []).map((what) => ({
              type: 'forces.team.maintained' as const,
              actor: viewer.accountId,
              data: { teamId: id, what },
            })),
      });
      await refreshReadiness(d, tx, id, now, viewer.accountId);
    }),
  );
  return reload(d, id);
}

/**
 * The leader hands the filing in; after a return or a lapse this is the resubmission. An approved
 * team hands in its renewal within `RENEWAL_WINDOW_DAYS` of the approval's end and stays
 * approved (so callable) while the office reviews it.
 */
export async function submitTeam(d: ForcesDeps, viewer: Viewer, id: string): Promise<TTeam> {
  await d.db.transaction(async (tx) => {
    const team = await lockTeam(tx, id);
    requireLeader(viewer, team);
    const now = registryNow(d);
    const renewal = team.status === 'approved';
    if (renewal) {
      if (team.renewalSubmittedAt) throw new AppError('forces.wrong_status', 'renewal submitted');
      const opens = new Date(team.approvalExpiresAt ?? now);
      opens.setUTCDate(opens.getUTCDate() - RENEWAL_WINDOW_DAYS);
      if (now < opens) throw new AppError('forces.renewal_not_due', String(RENEWAL_WINDOW_DAYS));
    } else requireStatus(team, 'draft', 'returned', 'lapsed');
    await tx
      .update(forcesTeams)
      .set(
        renewal
          ? { renewalSubmittedAt: now, submittedBy: viewer.accountId, updatedAt: now }
          : {
              status: 'submitted',
              submittedAt: now,
              submittedBy: viewer.accountId,
              updatedAt: now,
            },
      )
      .where(eq(forcesTeams.id, id));
    const resubmission = team.status !== 'draft';
    await recordChange(d, tx, {
      actor: viewer.accountId,
      action: 'forces.team.submitted',
      subjectType: 'team',
      subjectId: id,
      events: [
        {
          type: 'forces.team.submitted',
          actor: viewer.accountId,
          data: { teamId: id, resubmission, ...(renewal ? { renewal } : {}) },
        },
      ],
      detail: { resubmission, renewal },
    });
  });
  return reload(d, id);
}
