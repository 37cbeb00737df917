import { and, asc, eq, inArray, isNull, min } from 'drizzle-orm';
import type { Capability, TTeam, TeamReadiness, TeamStatus } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { callability } from './callability.ts';
import { chinaDay } from './calendar.ts';
import {
  forcesCapabilities,
  forcesCertificates,
  forcesEquipment,
  forcesInsurancePolicies,
  forcesMembers,
  forcesTeams,
} from './tables.ts';

export type TeamRow = typeof forcesTeams.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/**
 * Whole teams (before projection) for the given rows, children loaded in one query each;
 * `callable` is worked out for `now` (the registry's clock, calendar.ts).
 */
export async function loadTeams(
  db: Executor,
  rows: readonly TeamRow[],
  now: Date,
): Promise<TTeam[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [caps, equipment, policies, members, certs] = await Promise.all([
    db
      .select()
      .from(forcesCapabilities)
      .where(inArray(forcesCapabilities.teamId, ids))
      .orderBy(asc(forcesCapabilities.capability)),
    db.select().from(forcesEquipment).where(inArray(forcesEquipment.teamId, ids)),
    db
      .select()
      .from(forcesInsurancePolicies)
      .where(inArray(forcesInsurancePolicies.teamId, ids))
      .orderBy(asc(forcesInsurancePolicies.validFrom)),
    db
      .select({ teamId: forcesMembers.teamId, id: forcesMembers.id })
      .from(forcesMembers)
      .where(and(inArray(forcesMembers.teamId, ids), isNull(forcesMembers.leftAt))),
    db
      .select({ teamId: forcesMembers.teamId, earliest: min(forcesCertificates.expiresOn) })
      .from(forcesCertificates)
      .innerJoin(forcesMembers, eq(forcesMembers.id, forcesCertificates.memberId))
      .where(and(inArray(forcesMembers.teamId, ids), isNull(forcesMembers.leftAt)))
      .groupBy(forcesMembers.teamId),
  ]);
  const capsBy = groupBy(caps, (c) => c.teamId);
  const equipBy = groupBy(equipment, (e) => e.teamId);
  const polBy = groupBy(policies, (p) => p.teamId);
  const membersBy = groupBy(members, (m) => m.teamId);
  const certBy = new Map(certs.map((c) => [c.teamId, c.earliest]));
  const today = chinaDay(now);
  return rows.map((t) => {
    const teamPolicies = (polBy.get(t.id) ?? []).map((p) => ({
      id: p.id,
      insurer: p.insurer,
      number: p.number,
      ...(p.insuredMemberIds ? { insuredMemberIds: p.insuredMemberIds } : {}),
      validFrom: p.validFrom,
      validTo: p.validTo,
    }));
    const memberIds = (membersBy.get(t.id) ?? []).map((m) => m.id);
    const c = callability(
      {
        status: t.status as TeamStatus,
        approvalExpiresAt: t.approvalExpiresAt,
        policies: teamPolicies,
        memberIds,
        earliestCertificate: certBy.get(t.id) ?? null,
      },
      today,
      now,
    );
    return teamOut(t, {
      capabilities: (capsBy.get(t.id) ?? []).map((x) => x.capability as Capability),
      equipment: (equipBy.get(t.id) ?? []).map((e) => ({ kind: e.kind, count: e.count })),
      insurance: teamPolicies,
      memberCount: memberIds.length,
      callable: c.callable,
      callability: c.checks,
    });
  });
}

type Children = Pick<
  TTeam,
  'capabilities' | 'equipment' | 'insurance' | 'memberCount' | 'callable' | 'callability'
>;

function teamOut(t: TeamRow, c: Children): TTeam {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind as TTeam['kind'],
    creditCode: t.creditCode,
    status: t.status as TeamStatus,
    base: { lon: t.baseLon, lat: t.baseLat, address: t.baseAddress },
    serviceArea: t.serviceArea,
    leaderAccountId: t.leaderAccountId,
    leader: { name: t.leaderName, phone: t.leaderPhone },
    contacts: t.contacts,
    ...c,
    returnReasons: t.returnReasons,
    submittedAt: iso(t.submittedAt),
    approvedAt: iso(t.approvedAt),
    approvalExpiresAt: iso(t.approvalExpiresAt),
    renewalSubmittedAt: iso(t.renewalSubmittedAt),
    statusReason: t.statusReason,
    statusChangedAt: iso(t.statusChangedAt),
    readiness: t.readiness as TeamReadiness,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export async function loadTeam(db: Executor, id: string, now: Date): Promise<TTeam | undefined> {
  const [row] = await db.select().from(forcesTeams).where(eq(forcesTeams.id, id)).limit(1);
  return row ? (await loadTeams(db, [row], now))[0] : undefined;
}
