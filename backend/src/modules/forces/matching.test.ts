import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ZMatchResult, type TCallupNeeds } from '@muster/contracts';
import { MatchingIndex, type TeamSnapshot } from './matching.ts';

/** The window of every call-up here: 12 hours on 1 July 2026, China time. */
const FROM = '2026-07-01T08:00:00+08:00';
const TO = '2026-07-01T20:00:00+08:00';
const RALLY = { lon: 106.44, lat: 29.8 };

function buildTeam(over: Partial<TeamSnapshot> = {}): TeamSnapshot {
  return {
    id: randomUUID(),
    name: `队伍 ${Math.random().toString(36).slice(2, 7)}`,
    status: 'approved',
    approvalExpiresAt: '2027-06-30T16:00:00Z',
    lon: RALLY.lon + 0.01,
    lat: RALLY.lat,
    capabilities: ['water_rescue'],
    readiness: 'A',
    insurance: [{ validFrom: '2026-01-01', validTo: '2026-12-31' }],
    certificates: { overall: '2027-01-01' },
    deployedTo: [],
    ...over,
  };
}

function needs(over: Partial<TCallupNeeds> = {}): TCallupNeeds {
  return {
    capabilities: [{ capability: 'water_rescue', count: 1 }],
    rallyPoint: RALLY,
    window: { from: FROM, to: TO },
    ...over,
  };
}

/** Matches with explanations, checks the response against its contract, returns what failed. */
function failed(index: MatchingIndex, teamId: string, n: TCallupNeeds = needs()): string[] {
  const r = ZMatchResult.parse(index.match(n, { explain: true }));
  const c = [...r.candidates, ...r.excluded].find((x) => x.teamId === teamId);
  const a = index.assess(teamId, n);
  expect(a).toBeDefined();
  const codes = a!.reasons.filter((x) => !x.ok).map((x) => x.code);
  if (c) expect(c.reasons).toEqual(a!.reasons);
  expect(r.candidates.some((x) => x.teamId === teamId)).toBe(codes.length === 0);
  return codes;
}

/** Haversine distance in km on a sphere of the mean Earth radius. */
function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

describe('call-up matching', () => {
  it('takes a fully eligible team', () => {
    const t = buildTeam();
    expect(failed(new MatchingIndex([t]), t.id)).toEqual([]);
  });

  it('leaves out a team whose insurance ends inside the window, and says when', () => {
    const t = buildTeam({ insurance: [{ validFrom: '2026-01-01', validTo: '2026-06-30' }] });
    const late = buildTeam({ insurance: [{ validFrom: '2026-07-02', validTo: '2026-12-31' }] });
    const index = new MatchingIndex([t, late]);
    const window = { from: '2026-06-30T20:00:00+08:00', to: '2026-07-01T08:00:00+08:00' };
    expect(failed(index, t.id, needs({ window }))).toEqual(['insured_whole_window']);
    const reason = index.assess(t.id, needs({ window }))!.reasons[1]!;
    expect(reason.detail).toContain('2026-06-30');
    expect(failed(index, late.id)).toEqual(['insured_whole_window']);
  });

  it('accepts two policies chaining to cover the window, not two with a gap', () => {
    const chained = buildTeam({
      insurance: [
        { validFrom: '2026-07-01', validTo: '2026-12-31' },
        { validFrom: '2026-01-01', validTo: '2026-06-30' },
      ],
    });
    const gap = buildTeam({
      insurance: [
        { validFrom: '2026-01-01', validTo: '2026-06-29' },
        { validFrom: '2026-07-01', validTo: '2026-12-31' },
      ],
    });
    const index = new MatchingIndex([chained, gap]);
    const window = { from: '2026-06-30T20:00:00+08:00', to: '2026-07-01T08:00:00+08:00' };
    expect(failed(index, chained.id, needs({ window }))).toEqual([]);
    expect(failed(index, gap.id, needs({ window }))).toEqual(['insured_whole_window']);
  });

  it('leaves out expired certificates, overall or for the needed capability', () => {
    const overall = buildTeam({ certificates: { overall: '2026-06-30' } });
    const lastDay = buildTeam({ certificates: { overall: '2026-07-01' } });
    const perCap = buildTeam({
      capabilities: ['water_rescue', 'first_aid'],
      certificates: { byCapability: { water_rescue: '2026-05-01', first_aid: '2027-01-01' } },
    });
    const index = new MatchingIndex([overall, lastDay, perCap]);
    expect(failed(index, overall.id)).toEqual(['certificates_valid']);
    expect(failed(index, lastDay.id)).toEqual([]);
    expect(failed(index, perCap.id)).toEqual(['certificates_valid']);
    const both = needs({
      capabilities: [
        { capability: 'water_rescue', count: 1 },
        { capability: 'first_aid', count: 1 },
      ],
    });
    expect(failed(index, perCap.id, both)).toEqual([]);
  });

  it('leaves out lapsed or unapproved filings', () => {
    const lapsed = buildTeam({ approvalExpiresAt: '2026-07-01T00:00:00+08:00' });
    const returned = buildTeam({ status: 'returned' });
    const open = buildTeam({ approvalExpiresAt: null });
    const index = new MatchingIndex([lapsed, returned, open]);
    expect(failed(index, lapsed.id)).toEqual(['approved_and_current']);
    expect(failed(index, returned.id)).toEqual(['approved_and_current']);
    expect(failed(index, open.id)).toEqual([]);
  });

  it('leaves out teams deployed elsewhere, not those already on this incident', () => {
    const incident = randomUUID();
    const elsewhere = buildTeam({ deployedTo: [randomUUID()] });
    const here = buildTeam({ deployedTo: [incident] });
    const index = new MatchingIndex([elsewhere, here]);
    expect(failed(index, elsewhere.id, needs({ incidentId: incident }))).toEqual(['not_deployed']);
    expect(failed(index, here.id, needs({ incidentId: incident }))).toEqual([]);
  });

  it('leaves out a capability mismatch, and keeps it out of the explanations', () => {
    const t = buildTeam({ capabilities: ['drones'] });
    const index = new MatchingIndex([t]);
    expect(failed(index, t.id)).toEqual(['capability_match']);
    expect(index.match(needs(), { explain: true }).excluded).toEqual([]);
  });

  it('leaves out teams beyond the maximum distance', () => {
    const far = buildTeam({ lon: RALLY.lon + 0.5 });
    const index = new MatchingIndex([far]);
    expect(failed(index, far.id, needs({ maxDistanceKm: 20 }))).toEqual(['within_distance']);
  });

  it('ranks by distance, breaking near-ties by readiness', () => {
    const nearB = buildTeam({ lon: RALLY.lon + 0.001, readiness: 'B' });
    const nearA = buildTeam({ lon: RALLY.lon + 0.003, readiness: 'A' });
    const midC = buildTeam({ lon: RALLY.lon + 0.05, readiness: 'C' });
    const farA = buildTeam({ lon: RALLY.lon + 0.2, readiness: 'A' });
    const r = new MatchingIndex([farA, midC, nearB, nearA]).match(needs());
    expect(r.candidates.map((c) => c.teamId)).toEqual([nearA.id, nearB.id, midC.id]);
  });

  it('measures on the sphere: at 29.8°N a degree of longitude is shorter than one of latitude', () => {
    const east = buildTeam({ lon: RALLY.lon + 0.1, lat: RALLY.lat });
    const north = buildTeam({ lon: RALLY.lon, lat: RALLY.lat + 0.092 });
    // Naive lon/lat distance would put `north` (0.092°) before `east` (0.1°).
    const r = new MatchingIndex([north, east]).match(needs());
    expect(r.candidates.map((c) => c.teamId)).toEqual([east.id, north.id]);
    for (const c of r.candidates) {
      const t = c.teamId === east.id ? east : north;
      expect(c.distanceKm).toBeCloseTo(haversineKm(RALLY.lon, RALLY.lat, t.lon, t.lat), 2);
    }
    expect(r.candidates[0]!.distanceKm).toBeLessThan(r.candidates[1]!.distanceKm);
  });

  it('returns teams needed × 3 by default, nearest first', () => {
    const teams = Array.from({ length: 40 }, (_, i) => buildTeam({ lon: RALLY.lon + i * 0.02 }));
    const r = new MatchingIndex(teams).match(
      needs({ capabilities: [{ capability: 'water_rescue', count: 4 }] }),
    );
    expect(r.candidates.map((c) => c.teamId)).toEqual(teams.slice(0, 12).map((t) => t.id));
  });

  it('reflects upserts and removals before and after the overflow threshold', () => {
    const teams = Array.from({ length: 50 }, (_, i) =>
      buildTeam({ lon: RALLY.lon + 0.1 + i * 0.01 }),
    );
    const index = new MatchingIndex(teams, { overflowLimit: 8 });
    const first = teams[0]!;
    index.upsert({ ...first, deployedTo: [randomUUID()] });
    const moved = { ...teams[10]!, lon: RALLY.lon, lat: RALLY.lat };
    index.upsert(moved);
    const added = buildTeam({ lon: RALLY.lon + 0.001, readiness: 'B' });
    index.upsert(added);
    index.remove(teams[1]!.id);
    const one = needs({ capabilities: [{ capability: 'water_rescue', count: 1 }] });
    let ids = index.match(one).candidates.map((c) => c.teamId);
    expect(ids).toEqual([moved.id, added.id, teams[2]!.id]);
    expect(index.stats().rebuilds).toBe(0);
    for (const t of teams.slice(20, 30)) index.upsert({ ...t, status: 'suspended' });
    ids = index
      .match(needs({ capabilities: [{ capability: 'water_rescue', count: 20 }] }))
      .candidates.map((c) => c.teamId);
    expect(index.stats()).toMatchObject({ rebuilds: 1, overflow: 0, dead: 0, teams: 50 });
    expect(ids).not.toContain(first.id);
    expect(ids).not.toContain(teams[1]!.id);
    expect(ids.some((id) => teams.slice(20, 30).some((t) => t.id === id))).toBe(false);
    expect(ids.slice(0, 3)).toEqual([moved.id, added.id, teams[2]!.id]);
    // 50 filed + 1 added − 1 removed − 1 deployed − 10 suspended.
    expect(ids).toHaveLength(39);
  });
});
