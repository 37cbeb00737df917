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
 * The reading path's view of points and enabled rules. Changes made through this process
 * invalidate it at once; another instance's changes are seen within `TTL_MS`.
 */
export interface Catalogue {
  points(ids: readonly string[]): Promise<Map<string, PointInfo>>;
  rulesFor(point: PointInfo): Promise<TThresholdRule[]>;
  invalidate(): void;
}

export function createCatalogue(db: Db): Catalogue {
  const points = new Map<string, { info: PointInfo; at: number }>();
  let rules: { list: TThresholdRule[]; at: number } | undefined;
  const fresh = (at: number) => performance.now() - at < TTL_MS;
  return {
    async points(ids) {
      const missing = [...new Set(ids)].filter((id) => !fresh(points.get(id)?.at ?? -Infinity));
      if (missing.length > 0) {
        const rows = await db
          .select()
          .from(monitoringPoints)
          .where(inArray(monitoringPoints.id, missing));
        const at = performance.now();
        for (const r of rows)
          points.set(r.id, {
            at,
            info: {
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
            },
          });
      }
      const out = new Map<string, PointInfo>();
      for (const id of ids) {
        const p = points.get(id);
        if (p) out.set(id, p.info);
      }
      return out;
    },
    async rulesFor(point) {
      if (!rules || !fresh(rules.at)) {
        const rows = await db.select().from(monitoringRules);
        rules = { list: rows.filter((r) => r.enabled).map(ruleView), at: performance.now() };
      }
      return rules.list.filter(
        (r) => r.pointId === point.id || (!r.pointId && r.kind === point.kind),
      );
    },
    invalidate() {
      points.clear();
      rules = undefined;
    },
  };
}
