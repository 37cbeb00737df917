import { eq } from 'drizzle-orm';
import {
  AppError,
  ZRiskPoint,
  type RiskLevel,
  type RiskType,
  type TRiskPoint,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { project } from '../../platform/access/policy.ts';
import type { AuditInput } from '../../platform/access/audit-writer.ts';
import type { AnyViewer } from '../../platform/access/viewer.ts';
import type { MonitoringDeps } from './deps.ts';
import { monitoringRiskPoints } from './tables.ts';

export type RiskRow = typeof monitoringRiskPoints.$inferSelect;

export function riskView(r: RiskRow, now: Date): TRiskPoint {
  return {
    id: r.id,
    name: r.name,
    type: r.type as RiskType,
    riskLevel: r.riskLevel as RiskLevel,
    location: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
    area: r.area,
    areaCode: r.areaCode,
    departmentId: r.departmentId,
    contact: { name: r.contactName, phone: r.contactPhone },
    controls: r.controls,
    inspectionEveryDays: r.inspectionEveryDays,
    lastInspectedAt: r.lastInspectedAt?.toISOString() ?? null,
    nextInspectionDue: r.nextInspectionDue.toISOString(),
    overdue: r.nextInspectionDue <= now,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * The one way a risk point leaves the module: its responsible person's contact through the
 * personal-information policy for this viewer (the office sees it; the responsible department
 * sees its own; others see none).
 */
export async function projectRisks(
  d: Pick<MonitoringDeps, 'audit'>,
  viewer: AnyViewer,
  risks: readonly TRiskPoint[],
): Promise<TRiskPoint[]> {
  const views: AuditInput[] = [];
  const out = risks.map((r) => {
    const p = project(ZRiskPoint, r, {
      viewer,
      subjectOf: () => ({ type: 'risk_point', id: r.id, departmentId: r.departmentId }),
    });
    views.push(...p.views);
    return p.value;
  });
  if (views.length > 0) await d.audit.append(views);
  return out;
}

export async function lockRisk(tx: Executor, id: string): Promise<RiskRow> {
  const [row] = await tx
    .select()
    .from(monitoringRiskPoints)
    .where(eq(monitoringRiskPoints.id, id))
    .for('update');
  if (!row) throw new AppError('monitoring.risk_not_found', id);
  return row;
}
