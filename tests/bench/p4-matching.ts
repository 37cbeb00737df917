// P4 — call-up matching among 50,000 registered teams spread over Chongqing: p99 latency of one
// query (3 water-rescue teams, 12 h window, rally point in Beibei). Baseline in the same run: a
// full scan — every team checked, haversine distance, sorted — for the same queries.
// Goal: p99 <= 5 ms. Needs no database or NATS.
import { randomUUID } from 'node:crypto';
import { distance } from 'geokdbush';
import {
  CAPABILITIES,
  MATCHING_LIMITS,
  type Capability,
  type TCallupNeeds,
} from '@muster/contracts';
import { MatchingIndex, type TeamSnapshot } from '../../backend/src/modules/forces/matching.ts';
import {
  compileNeeds,
  compileTeam,
  eligibleApartFromDistance,
  reasonsFor,
} from '../../backend/src/modules/forces/matching-rules.ts';
import { envInt, meetsGoal, percentile, report, type Goal } from './lib.ts';

const TEAMS = envInt('BENCH_TEAMS', 50_000);
const QUERIES = envInt('BENCH_QUERIES', 2_000);
const GOAL: Goal = { text: 'p99<=5', checks: [{ figure: 'p99_ms', op: '<=', value: 5 }] };

/** mulberry32: a small seeded PRNG, so every run matches against the same teams. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(4);
const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const day = (offsetDays: number) =>
  new Date(Date.parse('2026-07-01T00:00:00Z') + offsetDays * 86_400_000).toISOString().slice(0, 10);

function syntheticTeam(i: number): TeamSnapshot {
  const caps = new Set<Capability>();
  // Water rescue is common along the Jialing and Yangtze; the rest spread evenly.
  if (rnd() < 0.3) caps.add('water_rescue');
  const extra = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < extra; k++) caps.add(pick(CAPABILITIES));
  const r = rnd();
  // Most teams insured for the year; some lapse mid-summer; some chain two policies; a few none.
  const insurance =
    r < 0.75
      ? [{ validFrom: day(-180), validTo: day(184) }]
      : r < 0.85
        ? [{ validFrom: day(-200), validTo: day(Math.floor(between(-20, 20))) }]
        : r < 0.95
          ? [
              { validFrom: day(-100), validTo: day(0) },
              { validFrom: day(1), validTo: day(300) },
            ]
          : [];
  return {
    id: randomUUID(),
    name: `队伍 ${i}`,
    status: rnd() < 0.9 ? 'approved' : pick(['submitted', 'returned', 'suspended'] as const),
    approvalExpiresAt: rnd() < 0.97 ? '2027-06-30T16:00:00Z' : '2026-05-31T16:00:00Z',
    lon: between(105.3, 110.2),
    lat: between(28.2, 32.2),
    capabilities: [...caps],
    readiness: pick(['A', 'B', 'B', 'C'] as const),
    insurance,
    certificates: { overall: rnd() < 0.95 ? day(365) : day(-10) },
    deployedTo: rnd() < 0.03 ? [randomUUID()] : [],
  };
}

const teams = Array.from({ length: TEAMS }, (_, i) => syntheticTeam(i));
const queries: TCallupNeeds[] = Array.from({ length: QUERIES }, () => {
  const from = Date.parse('2026-07-01T00:00:00+08:00') + Math.floor(rnd() * 48) * 3_600_000;
  return {
    capabilities: [{ capability: 'water_rescue', count: 3 }],
    rallyPoint: { lon: between(106.3, 106.6), lat: between(29.7, 30.0) },
    window: {
      from: new Date(from).toISOString(),
      to: new Date(from + 12 * 3_600_000).toISOString(),
    },
  };
});

const buildStart = performance.now();
const index = new MatchingIndex(teams);
const buildMs = performance.now() - buildStart;

function timed(run: (q: TCallupNeeds) => string[]): { ms: number[]; ids: string[][] } {
  for (const q of queries.slice(0, 200)) run(q); // warm-up: let the JIT settle
  const ms: number[] = [];
  const ids: string[][] = [];
  for (const q of queries) {
    const t0 = performance.now();
    ids.push(run(q));
    ms.push(performance.now() - t0);
  }
  return { ms, ids };
}

const compiled = teams.map(compileTeam);
const TIE = MATCHING_LIMITS.distanceTieKm;

/** The naive way, same rules and ranking: check every team, haversine to each, sort them all. */
function fullScan(needs: TCallupNeeds): string[] {
  const q = compileNeeds(needs);
  return compiled
    .filter((t) => eligibleApartFromDistance(t, q))
    .map((t) => ({ t, km: distance(q.lon, q.lat, t.snap.lon, t.snap.lat) }))
    .sort(
      (a, b) =>
        Math.floor(a.km / TIE) - Math.floor(b.km / TIE) ||
        a.t.readinessRank - b.t.readinessRank ||
        a.km - b.km,
    )
    .slice(0, q.total * MATCHING_LIMITS.candidatesPerNeeded)
    .map((h) => {
      reasonsFor(h.t, q, h.km);
      return h.t.snap.id;
    });
}

const own = timed((q) => index.match(q).candidates.map((c) => c.teamId));
const raw = timed(fullScan);

// The index must find the same teams, in the same order, as the scan.
let mismatches = 0;
own.ids.forEach((ids, i) => {
  if (ids.join() !== raw.ids[i]!.join()) mismatches++;
});

const figures = {
  p50_ms: percentile(own.ms, 50),
  p99_ms: percentile(own.ms, 99),
};
const baseline = { raw_p99_ms: percentile(raw.ms, 99) };
await report({
  id: 'P4',
  figures: {
    teams: TEAMS,
    ...figures,
    ratio_raw_over_own_p99: baseline.raw_p99_ms / figures.p99_ms,
  },
  baseline,
  goal: GOAL,
  // A fast index that finds the wrong teams fails, whatever its latency.
  pass: meetsGoal(figures, GOAL) && mismatches === 0,
  details: { queries: QUERIES, buildMs, mismatches, rawP50Ms: percentile(raw.ms, 50) },
});
