import { and, eq, inArray } from 'drizzle-orm';
import {
  levelRank,
  type PointKind,
  type RiskLevel,
  type RiskType,
  type TMapLayers,
  type TWarningArea,
  type WarningCategory,
  type WarningLevel,
} from '@muster/contracts';
import type { Db, Executor } from '../../platform/db/client.ts';
import {
  monitoringPoints,
  monitoringRiskPoints,
  monitoringRuleStates,
  monitoringRules,
  monitoringWarnings,
} from './tables.ts';
import type { Clock } from '../../platform/clock.ts';

const EMPTY: TWarningArea = { description: '—', codes: [], polygons: [], circles: [] };

/** Warnings in force (exercises flagged, for the map's 演练 banner), coloured by level. */
export async function warningLayer(db: Db): Promise<TMapLayers['warnings']> {
  const rows = await db
    .select()
    .from(monitoringWarnings)
    .where(inArray(monitoringWarnings.status, ['issued', 'adjusted']));
  return rows.map((w) => ({
    id: w.id,
    level: w.level as WarningLevel,
    category: w.category as WarningCategory,
    headline: w.headline,
    exercise: w.exercise,
    origin: w.origin as 'own' | 'external',
    area: w.area ?? EMPTY,
  }));
}

/** The highest threshold level active (or clearing) at each point, or at the one given. */
export async function activeLevels(db: Executor, pointId?: string) {
  const active = await db
    .select({ pointId: monitoringRuleStates.pointId, level: monitoringRules.level })
    .from(monitoringRuleStates)
    .innerJoin(monitoringRules, eq(monitoringRules.id, monitoringRuleStates.ruleId))
    .where(
      and(
        inArray(monitoringRuleStates.state, ['active', 'clearing']),
        pointId ? eq(monitoringRuleStates.pointId, pointId) : undefined,
      ),
    );
  const top = new Map<string, WarningLevel>();
  for (const a of active) {
    const l = a.level as WarningLevel;
    const cur = top.get(a.pointId);
    if (!cur || levelRank(l) > levelRank(cur)) top.set(a.pointId, l);
  }
  return top;
}

/** Monitoring points with their latest value and the highest level active at them. */
export async function pointLayer(db: Db): Promise<TMapLayers['points']> {
  const [points, top] = await Promise.all([db.select().from(monitoringPoints), activeLevels(db)]);
  return points.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind as PointKind,
    location: { lon: p.lon, lat: p.lat },
    status: p.status as 'online',
    unit: p.unit,
    latest:
      p.latestValue !== null && p.latestObservedAt
        ? { value: p.latestValue, observedAt: p.latestObservedAt.toISOString() }
        : null,
    activeLevel: top.get(p.id) ?? null,
  }));
}

/** Risk points (no contact: the map is for many eyes), overdue ones flagged. */
export async function riskLayer(db: Db, clock: Clock): Promise<TMapLayers['risks']> {
  const now = clock.now();
  const rows = await db.select().from(monitoringRiskPoints);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type as RiskType,
    riskLevel: r.riskLevel as RiskLevel,
    location: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
    overdue: r.nextInspectionDue <= now,
  }));
}

export async function mapLayers(db: Db, clock: Clock): Promise<TMapLayers> {
  const [warnings, points, risks] = await Promise.all([
    warningLayer(db),
    pointLayer(db),
    riskLayer(db, clock),
  ]);
  return { warnings, points, risks };
}
