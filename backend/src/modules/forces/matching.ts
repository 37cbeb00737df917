import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import {
  MATCHING_LIMITS,
  type TCallupNeeds,
  type TMatchCandidate,
  type TMatchResult,
} from '@muster/contracts';
import {
  compileNeeds,
  compileTeam,
  eligibleApartFromDistance,
  offersNeeded,
  reasonsFor,
  type CompiledNeeds,
  type CompiledTeam,
  type TeamSnapshot,
} from './matching-rules.ts';

export type { TeamSnapshot } from './matching-rules.ts';

export interface MatchOptions {
  /** How many eligible teams to return; default: teams needed × `candidatesPerNeeded`. */
  limit?: number;
  /** Also return the nearest teams offering a needed capability that are out, with reasons. */
  explain?: boolean;
}

export interface MatchingIndexOptions {
  /** Changes (upserts and removals) kept beside the tree before it is rebuilt. */
  overflowLimit?: number;
}

interface Hit {
  team: CompiledTeam;
  km: number;
}

/** kdbush's default; leaves this small keep `around` quick for a few dozen results. */
const NODE_SIZE = 64;
const TIE = MATCHING_LIMITS.distanceTieKm;

/**
 * Teams by location for call-up matching: nearest-first on the sphere (kdbush + geokdbush), then
 * readiness among teams at about the same distance. Pure and in memory; the caller loads the
 * snapshots and keeps them current with `upsert`/`remove`.
 *
 * kdbush is static, so a change does not rebuild it: the changed team goes to a short overflow
 * list scanned linearly and its old entry in the tree is marked dead. Once the changes pass
 * `overflowLimit`, the next query rebuilds the tree from everything live (one batch).
 */
export class MatchingIndex {
  private slots: CompiledTeam[] = [];
  private dead = new Uint8Array(0);
  private deadCount = 0;
  private slotOf = new Map<string, number>();
  private tree: KDBush = new KDBush(0).finish();
  private overflow = new Map<string, CompiledTeam>();
  private rebuilds = 0;
  private readonly overflowLimit: number;

  constructor(teams: readonly TeamSnapshot[] = [], options: MatchingIndexOptions = {}) {
    this.overflowLimit = options.overflowLimit ?? 256;
    this.build(teams.map(compileTeam));
  }

  /** Teams held, and how the tree stands (for tests and metrics). */
  stats(): { teams: number; indexed: number; overflow: number; dead: number; rebuilds: number } {
    return {
      teams: this.slotOf.size - this.deadCount + this.overflow.size,
      indexed: this.slots.length,
      overflow: this.overflow.size,
      dead: this.deadCount,
      rebuilds: this.rebuilds,
    };
  }

  /** Adds a team or replaces what is known of it. */
  upsert(team: TeamSnapshot): void {
    this.kill(team.id);
    this.overflow.set(team.id, compileTeam(team));
  }

  /** Forgets a team (revoked, deleted); unknown ids are ignored. */
  remove(teamId: string): void {
    this.kill(teamId);
    this.overflow.delete(teamId);
  }

  /** Eligible teams nearest the rally point, best first; with `explain`, the nearest left out. */
  match(needs: TCallupNeeds, options: MatchOptions = {}): TMatchResult {
    this.rebuildIfDue();
    const q = compileNeeds(needs);
    const limit = options.limit ?? q.total * MATCHING_LIMITS.candidatesPerNeeded;
    const hits = this.eligibleNearest(q, limit)
      .sort(
        (a, b) =>
          Math.floor(a.km / TIE) - Math.floor(b.km / TIE) ||
          a.team.readinessRank - b.team.readinessRank ||
          a.km - b.km ||
          (a.team.snap.id < b.team.snap.id ? -1 : 1),
      )
      .slice(0, limit);
    return {
      candidates: hits.map((h) => candidate(h, q)),
      excluded: options.explain ? this.excludedNearest(q).map((h) => candidate(h, q)) : [],
    };
  }

  /** One team against a call-up, in or out, with every reason; undefined when unknown. */
  assess(teamId: string, needs: TCallupNeeds): TMatchCandidate | undefined {
    const team = this.find(teamId);
    if (!team) return undefined;
    const q = compileNeeds(needs);
    return candidate({ team, km: distance(q.lon, q.lat, team.snap.lon, team.snap.lat) }, q);
  }

  private find(teamId: string): CompiledTeam | undefined {
    const o = this.overflow.get(teamId);
    if (o) return o;
    const slot = this.slotOf.get(teamId);
    return slot === undefined || this.dead[slot] ? undefined : this.slots[slot];
  }

  /**
   * The `limit` nearest eligible teams, plus any others in the last one's tie band (readiness
   * may lift them above it), from the tree and the overflow list.
   */
  private eligibleNearest(q: CompiledNeeds, limit: number): Hit[] {
    const live = (slot: number) =>
      this.dead[slot] === 0 && eligibleApartFromDistance(this.slots[slot]!, q);
    let found = around(this.tree, q.lon, q.lat, limit, q.maxKm, live);
    const last = found.at(-1);
    if (last !== undefined && found.length === limit) {
      const t = this.slots[last]!.snap;
      const band = (Math.floor(distance(q.lon, q.lat, t.lon, t.lat) / TIE) + 1) * TIE;
      found = around(this.tree, q.lon, q.lat, Infinity, Math.min(q.maxKm, band), live);
    }
    const hits = found.map((slot) => this.hit(this.slots[slot]!, q));
    for (const team of this.overflow.values()) {
      if (!eligibleApartFromDistance(team, q)) continue;
      const h = this.hit(team, q);
      if (h.km <= q.maxKm) hits.push(h);
    }
    return hits;
  }

  /** The nearest teams that offer a needed capability but are out for another reason. */
  private excludedNearest(q: CompiledNeeds): Hit[] {
    const out = (team: CompiledTeam): boolean =>
      offersNeeded(team, q) &&
      (!eligibleApartFromDistance(team, q) ||
        distance(q.lon, q.lat, team.snap.lon, team.snap.lat) > q.maxKm);
    const n = MATCHING_LIMITS.explained;
    const found = around(this.tree, q.lon, q.lat, n, Infinity, (slot) => {
      return this.dead[slot] === 0 && out(this.slots[slot]!);
    });
    const hits = found.map((slot) => this.hit(this.slots[slot]!, q));
    for (const team of this.overflow.values()) if (out(team)) hits.push(this.hit(team, q));
    return hits.sort((a, b) => a.km - b.km).slice(0, n);
  }

  private hit(team: CompiledTeam, q: CompiledNeeds): Hit {
    return { team, km: distance(q.lon, q.lat, team.snap.lon, team.snap.lat) };
  }

  private kill(teamId: string): void {
    const slot = this.slotOf.get(teamId);
    if (slot === undefined || this.dead[slot]) return;
    this.dead[slot] = 1;
    this.deadCount++;
  }

  private rebuildIfDue(): void {
    if (this.overflow.size + this.deadCount <= this.overflowLimit) return;
    const live = this.slots.filter((_, slot) => this.dead[slot] === 0);
    const fresh = live.filter((t) => !this.overflow.has(t.snap.id));
    this.build([...fresh, ...this.overflow.values()]);
    this.rebuilds++;
  }

  private build(teams: readonly CompiledTeam[]): void {
    const tree = new KDBush(teams.length, NODE_SIZE);
    this.slotOf = new Map();
    teams.forEach((t, slot) => {
      tree.add(t.snap.lon, t.snap.lat);
      this.slotOf.set(t.snap.id, slot);
    });
    this.tree = tree.finish();
    this.slots = [...teams];
    this.dead = new Uint8Array(teams.length);
    this.deadCount = 0;
    this.overflow = new Map();
  }
}

function candidate(h: Hit, q: CompiledNeeds): TMatchCandidate {
  const reasons = reasonsFor(h.team, q, h.km);
  return {
    teamId: h.team.snap.id,
    name: h.team.snap.name,
    distanceKm: Math.round(h.km * 1000) / 1000,
    readiness: h.team.snap.readiness,
    eligible: reasons.every((r) => r.ok),
    reasons,
  };
}
