import { and, eq, inArray } from 'drizzle-orm';
import {
  ZMonitoringPointMapItem,
  ZRiskPointMapItem,
  ZWarningMapItem,
  type RiskLevel,
  type TAreaGeometry,
  type TMonitoringPointMapItem,
  type TRiskPointMapItem,
  type TWarningArea,
  type TWarningMapItem,
  type WarningLevel,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { centroidOf } from '../../platform/geo/centroid.ts';
import { adminAreas } from '../../platform/geo/tables.ts';
import {
  audiences,
  type MapLayerItem,
  type MapLayerSource,
  stated,
} from '../../platform/realtime/layer-source.ts';
import { activeLevels } from './map-layers.ts';
import { monitoringPoints, monitoringRiskPoints, monitoringWarnings } from './tables.ts';

/*
 * The monitoring module's layers of the command map (ADR 0006): warnings in force over their
 * areas, monitoring points with their latest reading and threshold state, risk points. Each
 * source states items from the module's own tables, never from the event alone.
 */

/** The office, commanders and the departments/observers room: who reads points and risks. */
const READERS = {
  roles: ['admin', 'duty_officer', 'commander', 'department', 'observer'],
} as const;

type WarningRow = typeof monitoringWarnings.$inferSelect;
type LonLat = [number, number];

/** A circle as a 24-sided ring (planar in degrees: fine at a district's scale). */
function circleRing(c: { center: { lon: number; lat: number }; radiusKm: number }): LonLat[] {
  const dLat = c.radiusKm / 110.574;
  const dLon = c.radiusKm / (111.32 * Math.cos((c.center.lat * Math.PI) / 180));
  const ring: LonLat[] = [];
  for (let i = 0; i < 24; i++) {
    const a = (i / 24) * 2 * Math.PI;
    ring.push([
      Math.round((c.center.lon + dLon * Math.cos(a)) * 1e6) / 1e6,
      Math.round((c.center.lat + dLat * Math.sin(a)) * 1e6) / 1e6,
    ]);
  }
  ring.push(ring[0]!);
  return ring;
}

/**
 * A warning's outline: its polygons, its circles and the boundaries of its GB/T 2260 areas as
 * one multipolygon; undefined when none of them has a shape (the warning is then listed only).
 */
export async function warningOutline(
  db: Executor,
  area: TWarningArea,
): Promise<TAreaGeometry | undefined> {
  const parts: LonLat[][][] = [
    ...area.polygons.map((p) => p.coordinates as LonLat[][]),
    ...area.circles.map((c) => [circleRing(c)]),
  ];
  if (area.codes.length > 0) {
    const rows = await db
      .select({ boundary: adminAreas.boundary })
      .from(adminAreas)
      .where(inArray(adminAreas.code, area.codes));
    for (const r of rows) {
      const b = r.boundary;
      if (!b) continue;
      if (b.type === 'Polygon') parts.push(b.coordinates);
      else parts.push(...(b.coordinates as LonLat[][][]));
    }
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1
    ? { type: 'Polygon', coordinates: parts[0]! }
    : { type: 'MultiPolygon', coordinates: parts };
}

async function warningItem(db: Executor, w: WarningRow): Promise<MapLayerItem<TWarningMapItem>> {
  const area = w.area ?? undefined;
  const outline = area ? await warningOutline(db, area) : undefined;
  return {
    id: w.id,
    data: {
      warningId: w.id,
      level: w.level as WarningLevel,
      category: w.category,
      headline: w.headline,
      areaCodes: area?.codes ?? [],
      ...(outline ? { area: outline } : {}),
      issuedAt: (w.adjustedAt ?? w.issuedAt ?? w.createdAt).toISOString(),
      ...(w.expiresAt ? { expiresAt: w.expiresAt.toISOString() } : {}),
    },
    // Warnings are public (the CAP feed, the public page): every viewer of the map sees them.
    audience: audiences.everyone,
    exercise: w.exercise,
  };
}

const IN_FORCE = ['issued', 'adjusted'];

async function warningsInForce(db: Executor, id?: string) {
  const rows = await db
    .select()
    .from(monitoringWarnings)
    .where(
      and(
        inArray(monitoringWarnings.status, IN_FORCE),
        id ? eq(monitoringWarnings.id, id) : undefined,
      ),
    );
  return Promise.all(rows.map((w) => warningItem(db, w)));
}

/** Warnings in force (issued or adjusted, own and imported), coloured 红橙黄蓝 by level. */
export const warningsMapSource: MapLayerSource<
  TWarningMapItem,
  | 'monitoring.warning.issued'
  | 'monitoring.warning.adjusted'
  | 'monitoring.warning.lifted'
  | 'monitoring.external_alert.imported'
> = {
  layer: 'warnings',
  eventTypes: [
    'monitoring.warning.issued',
    'monitoring.warning.adjusted',
    'monitoring.warning.lifted',
    'monitoring.external_alert.imported',
  ],
  schema: ZWarningMapItem,
  async changes(event, db) {
    const id = event.data.warningId;
    return stated(id, (await warningsInForce(db, id))[0]);
  },
  snapshot: (db) => warningsInForce(db),
};

async function pointItems(
  db: Executor,
  id?: string,
): Promise<MapLayerItem<TMonitoringPointMapItem>[]> {
  const [points, top] = await Promise.all([
    db
      .select()
      .from(monitoringPoints)
      .where(id ? eq(monitoringPoints.id, id) : undefined),
    activeLevels(db, id),
  ]);
  return points.map((p) => ({
    id: p.id,
    data: {
      pointId: p.id,
      name: p.name,
      kind: p.kind,
      location: { lon: p.lon, lat: p.lat },
      ...(p.latestValue !== null && p.latestObservedAt
        ? {
            latest: {
              value: p.latestValue,
              unit: p.unit,
              observedAt: p.latestObservedAt.toISOString(),
            },
          }
        : {}),
      threshold: top.get(p.id) ?? 'normal',
    },
    audience: READERS,
    // A drill's point is shown under the 演练 banner, never as a real gauge.
    exercise: p.drillRunId !== null,
  }));
}

/**
 * Monitoring points with their latest reading and the highest threshold level active at them.
 * Readings themselves are too many to be a trigger (ADR 0006): a point is restated when a rule
 * crosses or clears there and when it goes offline or online, carrying the latest value then.
 */
export const monitoringPointsMapSource: MapLayerSource<
  TMonitoringPointMapItem,
  | 'monitoring.threshold.crossed'
  | 'monitoring.threshold.cleared'
  | 'monitoring.point.online'
  | 'monitoring.point.offline'
> = {
  layer: 'monitoring_points',
  eventTypes: [
    'monitoring.threshold.crossed',
    'monitoring.threshold.cleared',
    'monitoring.point.online',
    'monitoring.point.offline',
  ],
  schema: ZMonitoringPointMapItem,
  async changes(event, db) {
    const id = event.data.pointId;
    return stated(id, (await pointItems(db, id))[0]);
  },
  snapshot: (db) => pointItems(db),
};

async function riskItems(db: Executor, id?: string): Promise<MapLayerItem<TRiskPointMapItem>[]> {
  const rows = await db
    .select()
    .from(monitoringRiskPoints)
    .where(id ? eq(monitoringRiskPoints.id, id) : undefined);
  return rows.flatMap((r) => {
    const c =
      r.lon !== null && r.lat !== null
        ? ([r.lon, r.lat] as const)
        : r.area
          ? centroidOf(r.area)
          : undefined;
    if (!c) return [];
    return [
      {
        id: r.id,
        data: {
          riskPointId: r.id,
          name: r.name,
          kind: r.type,
          level: r.riskLevel as RiskLevel,
          location: { lon: c[0], lat: c[1] },
          // The department, never its contact person: the map is for many eyes.
          department: r.departmentId,
        },
        audience: READERS,
        exercise: false,
      },
    ];
  });
}

/** Risk points (风险点) at their place or their area's centre, coloured by assessed level. */
export const riskPointsMapSource: MapLayerSource<
  TRiskPointMapItem,
  'monitoring.risk.assessed' | 'monitoring.risk.inspection_overdue'
> = {
  layer: 'risk_points',
  eventTypes: ['monitoring.risk.assessed', 'monitoring.risk.inspection_overdue'],
  schema: ZRiskPointMapItem,
  async changes(event, db) {
    const id = event.data.riskPointId;
    return stated(id, (await riskItems(db, id))[0]);
  },
  snapshot: (db) => riskItems(db),
};

/** The monitoring module's map layer sources, for the realtime gateway. */
export const monitoringMapSources = [
  warningsMapSource,
  monitoringPointsMapSource,
  riskPointsMapSource,
] as const;
