import { and, asc, desc, eq, gt, gte, lte } from 'drizzle-orm';
import {
  AppError,
  POINT_KINDS,
  type PointKind,
  type TMonitoringPoint,
  type TPointRequest,
  type TRuleStateView,
  type WarningLevel,
} from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { newId } from '../../platform/ids.ts';
import type { Catalogue } from './catalogue.ts';
import type { MonitoringDeps } from './deps.ts';
import {
  monitoringPoints,
  monitoringReadings,
  monitoringRuleStates,
  monitoringRules,
} from './tables.ts';

type Row = typeof monitoringPoints.$inferSelect;
type Deps = MonitoringDeps & { catalogue: Catalogue };

export function pointView(r: Row): TMonitoringPoint {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as PointKind,
    unit: r.unit,
    location: { lon: r.lon, lat: r.lat },
    areaCode: r.areaCode,
    departmentId: r.departmentId,
    heartbeatS: r.heartbeatS,
    status: r.status as TMonitoringPoint['status'],
    lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
    latest:
      r.latestValue !== null && r.latestObservedAt
        ? { value: r.latestValue, observedAt: r.latestObservedAt.toISOString() }
        : null,
    createdAt: r.createdAt.toISOString(),
  };
}

const columns = (b: TPointRequest) => ({
  name: b.name,
  lon: b.location.lon,
  lat: b.location.lat,
  areaCode: b.areaCode,
  departmentId: b.departmentId,
  heartbeatS: b.heartbeatS,
});

/** Registers a point; it is offline until it first reports. */
export async function createPoint(
  d: Deps,
  viewer: Viewer,
  b: TPointRequest,
): Promise<TMonitoringPoint> {
  const now = d.clock.now();
  const id = newId();
  const row = await d.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(monitoringPoints)
      .values({
        id,
        ...columns(b),
        kind: b.kind,
        unit: POINT_KINDS[b.kind].unit,
        status: 'offline',
        drillRunId: b.drillRunId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'monitoring.point.created',
        subjectType: 'monitoring_point',
        subjectId: id,
      },
      tx,
    );
    return r!;
  });
  d.catalogue.invalidate();
  return pointView(row);
}

export async function updatePoint(
  d: Deps,
  viewer: Viewer,
  id: string,
  b: TPointRequest,
): Promise<TMonitoringPoint> {
  const row = await d.db.transaction(async (tx) => {
    const [r] = await tx
      .update(monitoringPoints)
      .set({ ...columns(b), updatedAt: d.clock.now() })
      .where(and(eq(monitoringPoints.id, id), eq(monitoringPoints.kind, b.kind)))
      .returning();
    if (!r) {
      const [other] = await tx.select().from(monitoringPoints).where(eq(monitoringPoints.id, id));
      throw other
        ? new AppError('request.invalid', 'kind: 监测类型不可更改 / a point’s kind cannot change', [
            { path: 'body.kind', message: 'a point’s kind cannot change; register a new point' },
          ])
        : new AppError('monitoring.point_not_found', id);
    }
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'monitoring.point.updated',
        subjectType: 'monitoring_point',
        subjectId: id,
      },
      tx,
    );
    return r;
  });
  d.catalogue.invalidate();
  return pointView(row);
}

export async function listPoints(
  d: MonitoringDeps,
  q: { limit: number; cursor?: string | undefined; kind?: PointKind | undefined },
): Promise<{ items: TMonitoringPoint[]; nextCursor: string | null }> {
  const rows = await d.db
    .select()
    .from(monitoringPoints)
    .where(
      and(
        q.kind ? eq(monitoringPoints.kind, q.kind) : undefined,
        q.cursor ? gt(monitoringPoints.id, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(monitoringPoints.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(pointView),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function getPoint(d: MonitoringDeps, id: string): Promise<TMonitoringPoint> {
  const [r] = await d.db.select().from(monitoringPoints).where(eq(monitoringPoints.id, id));
  if (!r) throw new AppError('monitoring.point_not_found', id);
  return pointView(r);
}

export async function listReadings(
  d: MonitoringDeps,
  id: string,
  q: { from?: string | undefined; to?: string | undefined; limit: number },
): Promise<{ items: { observedAt: string; value: number }[] }> {
  await getPoint(d, id);
  const rows = await d.db
    .select()
    .from(monitoringReadings)
    .where(
      and(
        eq(monitoringReadings.pointId, id),
        q.from ? gte(monitoringReadings.observedAt, new Date(q.from)) : undefined,
        q.to ? lte(monitoringReadings.observedAt, new Date(q.to)) : undefined,
      ),
    )
    .orderBy(desc(monitoringReadings.observedAt))
    .limit(q.limit);
  return { items: rows.map((r) => ({ observedAt: r.observedAt.toISOString(), value: r.value })) };
}

export async function pointStates(
  d: MonitoringDeps,
  id: string,
): Promise<{ items: TRuleStateView[] }> {
  await getPoint(d, id);
  const rows = await d.db
    .select({ s: monitoringRuleStates, level: monitoringRules.level })
    .from(monitoringRuleStates)
    .innerJoin(monitoringRules, eq(monitoringRules.id, monitoringRuleStates.ruleId))
    .where(eq(monitoringRuleStates.pointId, id));
  return {
    items: rows.map(({ s, level }) => ({
      ruleId: s.ruleId,
      pointId: s.pointId,
      level: level as WarningLevel,
      state: s.state as TRuleStateView['state'],
      since: s.since?.toISOString() ?? null,
      lastObservedAt: s.lastObservedAt?.toISOString() ?? null,
    })),
  };
}
