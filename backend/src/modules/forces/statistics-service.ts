import { and, between, count, eq, gt, isNull, lte, ne, sql } from 'drizzle-orm';
import {
  CAPABILITIES,
  EXPIRING_WINDOW_DAYS,
  TEAM_READINESS_GRADES,
  TEAM_STATUSES,
  type Capability,
  type TForcesStatistics,
  type TeamReadiness,
  type TeamStatus,
} from '@muster/contracts';
import type { ForcesDeps } from './deps.ts';
import { addDays, chinaDay, registryNow } from './calendar.ts';
import { insuredOnSql } from './search-filters.ts';
import {
  forcesCapabilities,
  forcesCertificates,
  forcesInsurancePolicies,
  forcesMembers,
  forcesTeams,
} from './tables.ts';

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The register in numbers (aggregates only, no person): teams by status and capability, members,
 * readiness of approved teams, how many are callable today, and what expires within 30 days.
 */
export async function statistics(d: ForcesDeps): Promise<TForcesStatistics> {
  const now = registryNow(d);
  const today = chinaDay(now);
  const horizon = addDays(today, EXPIRING_WINDOW_DAYS);
  const t = forcesTeams;
  const m = forcesMembers;
  const onRoll = isNull(m.leftAt);
  const live = ne(t.status, 'revoked');
  const approvedNow = and(eq(t.status, 'approved'), gt(t.approvalExpiresAt, now));
  const [byStatus, byCap, capMembers, byReadiness, members, approvedMembers] = await Promise.all([
    d.db.select({ status: t.status, n: count() }).from(t).groupBy(t.status),
    d.db
      .select({ capability: forcesCapabilities.capability, status: t.status, n: count() })
      .from(forcesCapabilities)
      .innerJoin(t, eq(t.id, forcesCapabilities.teamId))
      .groupBy(forcesCapabilities.capability, t.status),
    d.db
      .select({ capability: forcesCapabilities.capability, n: count() })
      .from(forcesCapabilities)
      .innerJoin(m, and(eq(m.teamId, forcesCapabilities.teamId), onRoll))
      .groupBy(forcesCapabilities.capability),
    d.db
      .select({ grade: t.readiness, n: count() })
      .from(t)
      .where(eq(t.status, 'approved'))
      .groupBy(t.readiness),
    d.db.select({ n: count() }).from(m).where(onRoll),
    d.db
      .select({ n: count() })
      .from(m)
      .innerJoin(t, eq(t.id, m.teamId))
      .where(and(onRoll, eq(t.status, 'approved'))),
  ]);
  const [approved, callable, policies, certificates, approvals] = await Promise.all([
    d.db.select({ n: count() }).from(t).where(eq(t.status, 'approved')),
    d.db
      .select({ n: count() })
      .from(t)
      .where(
        and(
          approvedNow,
          insuredOnSql(today),
          sql`not exists (select 1 from ${forcesCertificates} c join ${m} on ${m.id} = c.member_id
            where ${m.teamId} = ${t.id} and ${m.leftAt} is null and c.expires_on < ${today})`,
        ),
      ),
    d.db
      .select({ n: count() })
      .from(forcesInsurancePolicies)
      .innerJoin(t, eq(t.id, forcesInsurancePolicies.teamId))
      .where(and(live, between(forcesInsurancePolicies.validTo, today, horizon))),
    d.db
      .select({ n: count() })
      .from(forcesCertificates)
      .innerJoin(m, and(eq(m.id, forcesCertificates.memberId), onRoll))
      .innerJoin(t, eq(t.id, m.teamId))
      .where(and(live, between(forcesCertificates.expiresOn, today, horizon))),
    d.db
      .select({ n: count() })
      .from(t)
      .where(
        and(
          approvedNow,
          lte(t.approvalExpiresAt, new Date(now.getTime() + EXPIRING_WINDOW_DAYS * 86_400_000)),
        ),
      ),
  ]);
  const teamsByStatus = zeros(TEAM_STATUSES);
  for (const r of byStatus) teamsByStatus[r.status as TeamStatus] = r.n;
  const approvedByReadiness = zeros(TEAM_READINESS_GRADES);
  for (const r of byReadiness) approvedByReadiness[r.grade as TeamReadiness] = r.n;
  return {
    asOf: today,
    teamsByStatus,
    teamsByCapability: CAPABILITIES.map((capability: Capability) => {
      const s = zeros(TEAM_STATUSES);
      for (const r of byCap) if (r.capability === capability) s[r.status as TeamStatus] = r.n;
      const members = capMembers.find((r) => r.capability === capability)?.n ?? 0;
      return { capability, byStatus: s, members };
    }),
    approvedByReadiness,
    members: { total: members[0]?.n ?? 0, onApprovedTeams: approvedMembers[0]?.n ?? 0 },
    approvedCallable: { approved: approved[0]?.n ?? 0, callable: callable[0]?.n ?? 0 },
    expiringWithin30Days: {
      insurancePolicies: policies[0]?.n ?? 0,
      certificates: certificates[0]?.n ?? 0,
      approvals: approvals[0]?.n ?? 0,
    },
  };
}
