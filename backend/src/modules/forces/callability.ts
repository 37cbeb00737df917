import type { TCallableCheck, TeamStatus } from '@muster/contracts';

/** What `callable` needs to know of a team, loaded by team-reader.ts. */
export interface CallabilityFacts {
  status: TeamStatus;
  approvalExpiresAt: Date | null;
  policies: readonly { validFrom: string; validTo: string; insuredMemberIds?: string[] }[];
  /** Members on the roll now. */
  memberIds: readonly string[];
  /** The earliest expiry (last valid day) among current members' certificates. */
  earliestCertificate: string | null;
}

/**
 * Whether every current member is insured on `day`: some policy is in force that day, and each
 * member is named by (or covered by a whole-team policy among) the policies in force. The SQL
 * twin of this rule is `insuredOnSql` in search-filters.ts; the tests hold them to each other.
 */
export function insuredOn(
  policies: CallabilityFacts['policies'],
  memberIds: readonly string[],
  day: string,
): boolean {
  const inForce = policies.filter((p) => p.validFrom <= day && day <= p.validTo);
  if (inForce.length === 0) return false;
  if (inForce.some((p) => !p.insuredMemberIds)) return true;
  const covered = new Set(inForce.flatMap((p) => p.insuredMemberIds ?? []));
  return memberIds.every((m) => covered.has(m));
}

/** The last day of the insurance cover running through `day`, if policies chain on. */
function coverEnds(policies: CallabilityFacts['policies'], day: string): string | undefined {
  const ends = policies.filter((p) => p.validTo < day).map((p) => p.validTo);
  return ends.sort().at(-1);
}

/**
 * A team is callable today when its approval holds, every member is insured today, and no
 * current member's certificate has expired (docs/forces.md "Callable"). Matching checks the same
 * over a call-up's whole window (matching-rules.ts); this is the registry's view of today.
 */
export function callability(
  f: CallabilityFacts,
  today: string,
  now: Date,
): { callable: boolean; checks: TCallableCheck[] } {
  const approved = f.status === 'approved' && (!f.approvalExpiresAt || f.approvalExpiresAt > now);
  const insured = insuredOn(f.policies, f.memberIds, today);
  const certsOk = f.earliestCertificate === null || f.earliestCertificate >= today;
  const lastCover = coverEnds(f.policies, today);
  const checks: TCallableCheck[] = [
    {
      code: 'approved_and_current',
      ok: approved,
      detail: approved
        ? '备案有效 / approved and current'
        : f.status === 'approved'
          ? '备案已到期，待续期 / the approval has run out; renew it'
          : `备案状态为 ${f.status} / the filing is ${f.status}, not approved`,
    },
    {
      code: 'insured_today',
      ok: insured,
      detail: insured
        ? '全体队员今日在保 / every member is insured today'
        : lastCover
          ? `保险已于 ${lastCover} 到期或未覆盖全体队员 / insurance ended ${lastCover} or does not cover every member`
          : '今日无有效保单覆盖全体队员 / no policy in force covers every member today',
    },
    {
      code: 'certificates_valid',
      ok: certsOk,
      detail: certsOk
        ? '队员证书均在有效期内 / every member’s certificates are valid'
        : `有证书已于 ${f.earliestCertificate} 过期 / a certificate expired on ${f.earliestCertificate}`,
    },
  ];
  return { callable: checks.every((c) => c.ok), checks };
}
