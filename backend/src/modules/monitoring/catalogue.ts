import { inArray } from 'drizzle-orm';
import type { PointKind, TThresholdRule, WarningCategory, WarningLevel } from '@muster/contracts';
import type { Db } from '../../platform/db/client.ts';
import { monitoringPoints, monitoringRules } from './tables.ts';

/** What the reading path needs of a point, without a query per message. */
export interface PointInfo {
  id: string;
  name: string;
  kind: PointKind;
  unit: string;
  lon: number;
  lat: number;
  areaCode: string;
  departmentId: string;
  heartbeatS: number;
  /** A drill's point: what its readings cause is an exercise of that run. */
  drillRunId: string | null;
}

type RuleRow = typeof monitoringRules.$inferSelect;

export function ruleView(r: RuleRow): TThresholdRule {
  return {
    id: r.id,
    name: r.name,
    pointId: r.pointId,
    kind: r.kind as PointKind | null,
    level: r.level as WarningLevel,
    category: r.category as WarningCategory,
    trigger: r.trigger as TThresholdRule['trigger'],
    threshold: r.threshold,
    sustainS: r.sustainS,
    rateWindowS: r.rateWindowS,
    hysteresis: r.hysteresis,
    clearAfterS: r.clearAfterS,
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Points and rules change seldom and are read per reading: kept in memory, briefly. */
const TTL_MS = 5_000;

/**
 * The reading path's view of points and enabled rules, kept whole in memory. Changes made
 * through this process invalidate it at once (the next batch waits for a fresh copy); another
 * instance's changes are seen within `TTL_MS`: a stale copy keeps serving while a fresh one is
 * read in the background, so batches never wait for the periodic reload. A point not in the
 * copy (created elsewhere a moment ago) is looked up at once, and at most once per `TTL_MS`
 * while it stays unknown, so a sensor sending an unknown id costs no query per batch.
 */
export interface Catalogue {
  points(ids: readonly string[]): Promise<Map<string, PointInfo>>;
  rulesFor(point: PointInfo): Promise<TThresholdRule[]>;
  invalidate(): void;
}

type PointRow = typeof monitoringPoints.$inferSelect;

const pointInfo = (r: PointRow): PointInfo => ({
  id: r.id,
  name: r.name,
  kind: r.kind as PointKind,
  unit: r.unit,
  lon: r.lon,
  lat: r.lat,
  areaCode: r.areaCode,
  departmentId: r.departmentId,
  heartbeatS: r.heartbeatS,
  drillRunId: r.drillRunId,
});

/** Enabled rules indexed the way they apply: by point, and by kind for points without one. */
interface RuleIndex {
  byPoint: Map<string, TThresholdRule[]>;
  byKind: Map<string, TThresholdRule[]>;
}

function indexRules(rows: RuleRow[]): RuleIndex {
  const byPoint = new Map<string, TThresholdRule[]>();
  const byKind = new Map<string, TThresholdRule[]>();
  for (const r of rows) {
    if (!r.enabled) continue;
    const [map, key] = r.pointId ? [byPoint, r.pointId] : [byKind, r.kind];
    if (key === null) continue;
    map.set(key, [...(map.get(key) ?? []), ruleView(r)]);
  }
  return { byPoint, byKind };
}

/** A value read from the database, re-read in the background once older than `TTL_MS`. */
function kept<T>(load: () => Promise<T>) {
  let value: { v: T; at: number } | undefined;
  let loading: Promise<T> | undefined;
  let generation = 0;
  const reload = (): Promise<T> => {
    if (loading) return loading;
    const g = generation;
    const p = load()
      .then((v) => {
        // Invalidated while reading: this copy may predate the change; keep it out.
        if (g === generation) value = { v, at: performance.now() };
        return v;
      })
      .finally(() => {
        if (loading === p) loading = undefined;
      });
    return (loading = p);
  };
  return {
    async get(): Promise<T> {
      if (!value) return reload();
      if (performance.now() - value.at >= TTL_MS) reload().catch(() => undefined);
      return value.v;
    },
    invalidate() {
      generation++;
      value = undefined;
      loading = undefined;
    },
  };
}

export function createCatalogue(db: Db): Catalogue {
  const all = kept(async () => {
    const rows = await db.select().from(monitoringPoints);
    return new Map(rows.map((r) => [r.id, pointInfo(r)]));
  });
  const rules = kept(async () => indexRules(await db.select().from(monitoringRules)));
  // Ids looked up and not found, and when: asked again only after `TTL_MS`.
  const unknown = new Map<string, number>();
  return {
    async points(ids) {
      const known = await all.get();
      const now = performance.now();
      const missing = [
        ...new Set(
          ids.filter((id) => !known.has(id) && now - (unknown.get(id) ?? -Infinity) >= TTL_MS),
        ),
      ];
      if (missing.length > 0) {
        const rows = await db
          .select()
          .from(monitoringPoints)
          .where(inArray(monitoringPoints.id, missing));
        for (const r of rows) known.set(r.id, pointInfo(r));
        for (const id of missing) if (!known.has(id)) unknown.set(id, now);
        if (unknown.size > 10_000) unknown.clear();
      }
      const out = new Map<string, PointInfo>();
      for (const id of ids) {
        const p = known.get(id);
        if (p) out.set(id, p);
      }
      return out;
    },
    async rulesFor(point) {
      const { byPoint, byKind } = await rules.get();
      return [...(byPoint.get(point.id) ?? []), ...(byKind.get(point.kind) ?? [])];
    },
    invalidate() {
      all.invalidate();
      rules.invalidate();
      unknown.clear();
    },
  };
}
