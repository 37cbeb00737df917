import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Capability, TTeam, TeamStatus } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import {
  forcesCapabilities,
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

/** Whole teams (before projection) for the given rows, children loaded in one query each. */
export async function loadTeams(db: Executor, rows: readonly TeamRow[]): Promise<TTeam[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [caps, equipment, policies, counts] = await Promise.all([
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
      .select({ teamId: forcesMembers.teamId, n: count() })
      .from(forcesMembers)
      .where(inArray(forcesMembers.teamId, ids))
      .groupBy(forcesMembers.teamId),
  ]);
  const capsBy = groupBy(caps, (c) => c.teamId);
  const equipBy = groupBy(equipment, (e) => e.teamId);
  const polBy = groupBy(policies, (p) => p.teamId);
  const countBy = new Map(counts.map((c) => [c.teamId, c.n]));
  return rows.map((t) => ({
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
    capabilities: (capsBy.get(t.id) ?? []).map((c) => c.capability as Capability),
    equipment: (equipBy.get(t.id) ?? []).map((e) => ({ kind: e.kind, count: e.count })),
    insurance: (polBy.get(t.id) ?? []).map((p) => ({
      id: p.id,
      insurer: p.insurer,
      number: p.number,
      ...(p.insuredMemberIds ? { insuredMemberIds: p.insuredMemberIds } : {}),
      validFrom: p.validFrom,
      validTo: p.validTo,
    })),
    returnReasons: t.returnReasons,
    memberCount: countBy.get(t.id) ?? 0,
    submittedAt: iso(t.submittedAt),
    approvedAt: iso(t.approvedAt),
    approvalExpiresAt: iso(t.approvalExpiresAt),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }));
}

export async function loadTeam(db: Executor, id: string): Promise<TTeam | undefined> {
  const [row] = await db.select().from(forcesTeams).where(eq(forcesTeams.id, id)).limit(1);
  return row ? (await loadTeams(db, [row]))[0] : undefined;
}
