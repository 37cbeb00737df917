import {
  CAPABILITIES,
  TEAM_READINESS_GRADES,
  type Capability,
  type TCallupNeeds,
  type TMatchReason,
  type TeamReadiness,
  type TeamStatus,
} from '@muster/contracts';

/**
 * What matching needs to know of one team, loaded from the registry (and the deployment board
 * for `deployedTo`). Dates (`YYYY-MM-DD`) are whole days in China Standard Time, as on a policy
 * or a certificate; instants are ISO 8601.
 */
export interface TeamSnapshot {
  id: string;
  name: string;
  status: TeamStatus;
  /** Null: the approval does not lapse. */
  approvalExpiresAt: string | null;
  lon: number;
  lat: number;
  capabilities: readonly Capability[];
  readiness: TeamReadiness;
  /** Policies covering the whole team; a day-range each, both days included. */
  insurance: readonly { validFrom: string; validTo: string }[];
  /** Earliest certificate expiry (last valid day) of the team, overall and per capability. */
  certificates?: {
    overall?: string | null;
    byCapability?: Partial<Record<Capability, string>>;
  };
  /** Incidents the team is deployed to now. */
  deployedTo: readonly string[];
}

const DAY_MS = 86_400_000;
/** Policies and certificates run by the calendar day in China (UTC+8, no summer time). */
const dayStart = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);
const dayAfter = (date: string): number => dayStart(date) + DAY_MS;
const dateOf = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

const CAP_BIT = new Map(CAPABILITIES.map((c, i) => [c, 1 << i]));
const bitOf = (c: Capability): number => CAP_BIT.get(c) ?? 0;
const READINESS_RANK = new Map(TEAM_READINESS_GRADES.map((g, i) => [g, i]));

/** A team prepared for fast checks: instants as numbers, capabilities as a bit mask. */
export interface CompiledTeam {
  snap: TeamSnapshot;
  approved: boolean;
  approvalUntil: number;
  capMask: number;
  readinessRank: number;
  /** Merged insurance cover: chained policies become one interval [start, end). */
  cover: { start: number; end: number }[];
  certUntil: number;
  /** Per capability bit, the instant its certificates lapse (absent: only `certUntil` applies). */
  capCertUntil: Map<number, number>;
}

/** Prepares a snapshot once, so each query's checks are a few comparisons. */
export function compileTeam(snap: TeamSnapshot): CompiledTeam {
  const spans = snap.insurance
    .map((p) => ({ start: dayStart(p.validFrom), end: dayAfter(p.validTo) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const cover: { start: number; end: number }[] = [];
  for (const s of spans) {
    const last = cover.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else cover.push({ ...s });
  }
  const overall = snap.certificates?.overall;
  const capCertUntil = new Map<number, number>();
  for (const [c, d] of Object.entries(snap.certificates?.byCapability ?? {}))
    if (d) capCertUntil.set(bitOf(c as Capability), dayAfter(d));
  return {
    snap,
    approved: snap.status === 'approved',
    approvalUntil: snap.approvalExpiresAt ? Date.parse(snap.approvalExpiresAt) : Infinity,
    capMask: snap.capabilities.reduce((m, c) => m | bitOf(c), 0),
    readinessRank: READINESS_RANK.get(snap.readiness) ?? TEAM_READINESS_GRADES.length,
    cover,
    certUntil: overall ? dayAfter(overall) : Infinity,
    capCertUntil,
  };
}

/** A call-up's needs prepared for fast checks. */
export interface CompiledNeeds {
  from: number;
  to: number;
  capMask: number;
  incidentId: string | undefined;
  maxKm: number;
  lon: number;
  lat: number;
  total: number;
  insuranceRequired: boolean;
}

export function compileNeeds(needs: TCallupNeeds): CompiledNeeds {
  return {
    from: Date.parse(needs.window.from),
    to: Date.parse(needs.window.to),
    capMask: needs.capabilities.reduce((m, c) => m | bitOf(c.capability), 0),
    incidentId: needs.incidentId,
    maxKm: needs.maxDistanceKm ?? Infinity,
    lon: needs.rallyPoint.lon,
    lat: needs.rallyPoint.lat,
    total: needs.capabilities.reduce((n, c) => n + c.count, 0),
    insuranceRequired: needs.insuranceRequired ?? true,
  };
}

const insuredThrough = (t: CompiledTeam, q: CompiledNeeds) =>
  !q.insuranceRequired || t.cover.some((s) => s.start <= q.from && s.end >= q.to);

/** Needed capabilities the team offers with certificates valid to the window's end. */
function certifiedCaps(t: CompiledTeam, q: CompiledNeeds): number {
  let mask = t.capMask & q.capMask;
  for (const [bit, until] of t.capCertUntil) if (until < q.to) mask &= ~bit;
  return mask;
}

const deployedElsewhere = (t: CompiledTeam, q: CompiledNeeds) =>
  t.snap.deployedTo.some((i) => i !== q.incidentId);

/** Whether the team may be called, distance aside; cheapest and most selective checks first. */
export function eligibleApartFromDistance(t: CompiledTeam, q: CompiledNeeds): boolean {
  return (
    (t.capMask & q.capMask) !== 0 &&
    t.approved &&
    t.approvalUntil > q.from &&
    t.certUntil >= q.to &&
    !deployedElsewhere(t, q) &&
    insuredThrough(t, q) &&
    certifiedCaps(t, q) !== 0
  );
}

/** Whether the team offers a needed capability at all (explanations skip those that do not). */
export const offersNeeded = (t: CompiledTeam, q: CompiledNeeds): boolean =>
  (t.capMask & q.capMask) !== 0;

function insuranceDetail(t: CompiledTeam, q: CompiledNeeds): string {
  if (!q.insuranceRequired) return '调用方统一投保 / the office insures everyone called';
  if (insuredThrough(t, q)) return '保险覆盖整个时段 / insured for the whole window';
  const at = t.cover.find((s) => s.start <= q.from && s.end > q.from);
  if (at) {
    const last = dateOf(at.end - DAY_MS);
    return `保险于 ${last} 到期，早于时段结束 / insurance ends ${last}, inside the window`;
  }
  return '时段开始时无有效保险 / no policy in force when the window starts';
}

function certificateDetail(t: CompiledTeam, q: CompiledNeeds): string {
  if (t.certUntil < q.to) {
    const last = dateOf(t.certUntil - DAY_MS);
    return `证书于 ${last} 到期 / a certificate expires ${last}, before the window ends`;
  }
  if ((t.capMask & q.capMask) !== 0 && certifiedCaps(t, q) === 0)
    return '所需能力的证书在时段内到期 / certificates for the needed capabilities expire in the window';
  return '证书有效 / certificates valid through the window';
}

/** Every reason, in the contract's order, each saying what was found. */
export function reasonsFor(t: CompiledTeam, q: CompiledNeeds, distanceKm: number): TMatchReason[] {
  const s = t.snap;
  const approvalOk = t.approved && t.approvalUntil > q.from;
  const offered = CAPABILITIES.filter((c) => (bitOf(c) & t.capMask & q.capMask) !== 0);
  const elsewhere = s.deployedTo.filter((i) => i !== q.incidentId);
  return [
    {
      code: 'approved_and_current',
      ok: approvalOk,
      detail: !t.approved
        ? `备案状态为 ${s.status} / filing is ${s.status}, not approved`
        : approvalOk
          ? '备案有效 / approved and current'
          : `备案于 ${s.approvalExpiresAt ?? ''} 失效 / approval lapsed ${s.approvalExpiresAt ?? ''}`,
    },
    { code: 'insured_whole_window', ok: insuredThrough(t, q), detail: insuranceDetail(t, q) },
    {
      code: 'certificates_valid',
      ok: t.certUntil >= q.to && (offered.length === 0 || certifiedCaps(t, q) !== 0),
      detail: certificateDetail(t, q),
    },
    {
      code: 'not_deployed',
      ok: elsewhere.length === 0,
      detail:
        elsewhere.length === 0
          ? '未在其他事件中执行任务 / not deployed elsewhere'
          : `已派往事件 ${elsewhere.join(', ')} / deployed to ${elsewhere.join(', ')}`,
    },
    {
      code: 'capability_match',
      ok: offered.length > 0,
      detail:
        offered.length > 0
          ? `具备 / offers ${offered.join(', ')}`
          : '不具备所需能力 / offers none of the needed capabilities',
    },
    {
      code: 'within_distance',
      ok: distanceKm <= q.maxKm,
      detail: Number.isFinite(q.maxKm)
        ? `${distanceKm.toFixed(1)} km（上限 / limit ${q.maxKm} km）`
        : `${distanceKm.toFixed(1)} km`,
    },
  ];
}
