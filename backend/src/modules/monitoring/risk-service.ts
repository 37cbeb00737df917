import { and, asc, desc, eq, gt, lte, type SQL } from 'drizzle-orm';
import {
  AppError,
  type RiskLevel,
  type RiskType,
  type TRiskPoint,
  type TRiskPointRequest,
} from '@muster/contracts';
import type { z } from 'zod';
import type {
  ZAssessment,
  ZAssessmentRequest,
  ZInspection,
  ZInspectionRequest,
} from '@muster/contracts';
import type { AnyViewer, Viewer } from '../../platform/access/viewer.ts';
import { newId } from '../../platform/ids.ts';
import { RISK_LEGAL_BASIS, type MonitoringDeps } from './deps.ts';
import { lockRisk, projectRisks, riskView } from './risk-view.ts';
import {
  monitoringRiskAssessments,
  monitoringRiskInspections,
  monitoringRiskPoints,
} from './tables.ts';

const DAY_MS = 86_400_000;
const dueAfter = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);

const columns = (b: TRiskPointRequest) => ({
  name: b.name,
  type: b.type,
  lon: b.location?.lon ?? null,
  lat: b.location?.lat ?? null,
  area: b.area ?? null,
  areaCode: b.areaCode,
  departmentId: b.departmentId,
  contactName: b.contact.name,
  contactPhone: b.contact.phone,
  controls: b.controls,
  inspectionEveryDays: b.inspectionEveryDays,
});

async function one(d: MonitoringDeps, viewer: AnyViewer, id: string): Promise<TRiskPoint> {
  const [row] = await d.db
    .select()
    .from(monitoringRiskPoints)
    .where(eq(monitoringRiskPoints.id, id));
  if (!row) throw new AppError('monitoring.risk_not_found', id);
  return (await projectRisks(d, viewer, [riskView(row, d.clock.now())]))[0]!;
}

const auditRisk = (
  viewer: Viewer,
  action: string,
  id: string,
  detail: Record<string, string> = {},
) => ({
  actor: viewer.accountId,
  action,
  subjectType: 'risk_point',
  subjectId: id,
  legalBasis: RISK_LEGAL_BASIS,
  detail,
});

/** Registers a hazard source or risk area (art. 33); its first inspection falls due a cadence on. */
export async function createRisk(
  d: MonitoringDeps,
  viewer: Viewer,
  b: TRiskPointRequest,
): Promise<TRiskPoint> {
  const id = newId();
  const now = d.clock.now();
  const last = b.lastInspectedAt ? new Date(b.lastInspectedAt) : null;
  await d.db.transaction(async (tx) => {
    await tx.insert(monitoringRiskPoints).values({
      id,
      ...columns(b),
      riskLevel: b.riskLevel,
      lastInspectedAt: last,
      nextInspectionDue: dueAfter(last ?? now, b.inspectionEveryDays),
      createdAt: now,
      updatedAt: now,
    });
    await d.audit.append(
      auditRisk(viewer, 'monitoring.risk.registered', id, { level: b.riskLevel }),
      tx,
    );
  });
  return one(d, viewer, id);
}

/** Replaces a registration; the level changes only through an assessment, so it is kept. */
export async function updateRisk(
  d: MonitoringDeps,
  viewer: Viewer,
  id: string,
  b: TRiskPointRequest,
): Promise<TRiskPoint> {
  await d.db.transaction(async (tx) => {
    const r = await lockRisk(tx, id);
    await tx
      .update(monitoringRiskPoints)
      .set({
        ...columns(b),
        nextInspectionDue: dueAfter(r.lastInspectedAt ?? r.createdAt, b.inspectionEveryDays),
        updatedAt: d.clock.now(),
      })
      .where(eq(monitoringRiskPoints.id, id));
    await d.audit.append(auditRisk(viewer, 'monitoring.risk.updated', id), tx);
  });
  return one(d, viewer, id);
}

export async function listRisks(
  d: MonitoringDeps,
  viewer: AnyViewer,
  q: {
    limit: number;
    cursor?: string | undefined;
    type?: RiskType | undefined;
    departmentId?: string | undefined;
    overdue?: boolean | undefined;
  },
): Promise<{ items: TRiskPoint[]; nextCursor: string | null }> {
  const now = d.clock.now();
  const where: (SQL | undefined)[] = [
    q.type ? eq(monitoringRiskPoints.type, q.type) : undefined,
    q.departmentId ? eq(monitoringRiskPoints.departmentId, q.departmentId) : undefined,
    q.overdue === true ? lte(monitoringRiskPoints.nextInspectionDue, now) : undefined,
    q.overdue === false ? gt(monitoringRiskPoints.nextInspectionDue, now) : undefined,
    q.cursor ? gt(monitoringRiskPoints.id, q.cursor) : undefined,
  ];
  const rows = await d.db
    .select()
    .from(monitoringRiskPoints)
    .where(and(...where))
    .orderBy(asc(monitoringRiskPoints.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: await projectRisks(
      d,
      viewer,
      page.map((r) => riskView(r, now)),
    ),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export const getRisk = one;

/** 风险评估: records the assessment and gives the point its level, with an event. */
export async function assessRisk(
  d: MonitoringDeps,
  viewer: Viewer,
  id: string,
  b: z.infer<typeof ZAssessmentRequest>,
): Promise<z.infer<typeof ZAssessment>> {
  const now = d.clock.now();
  return d.db.transaction(async (tx) => {
    const r = await lockRisk(tx, id);
    const row = {
      id: newId(),
      riskPointId: id,
      ...b,
      previousLevel: r.riskLevel,
      assessedBy: viewer.accountId,
      assessedAt: now,
    };
    await tx.insert(monitoringRiskAssessments).values(row);
    await tx
      .update(monitoringRiskPoints)
      .set({ riskLevel: b.riskLevel, updatedAt: now })
      .where(eq(monitoringRiskPoints.id, id));
    await d.outbox.append(tx, [
      {
        type: 'monitoring.risk.assessed',
        actor: viewer.accountId,
        data: { riskPointId: id, riskLevel: b.riskLevel, previousLevel: r.riskLevel as RiskLevel },
      },
    ]);
    await d.audit.append(
      auditRisk(viewer, 'monitoring.risk.assessed', id, { level: b.riskLevel }),
      tx,
    );
    return {
      ...b,
      id: row.id,
      previousLevel: r.riskLevel as RiskLevel,
      assessedBy: viewer.accountId,
      assessedAt: now.toISOString(),
    };
  });
}

/** 定期检查: records an inspection; the next one falls due a cadence after the latest. */
export async function inspectRisk(
  d: MonitoringDeps,
  viewer: Viewer,
  id: string,
  b: z.infer<typeof ZInspectionRequest>,
): Promise<z.infer<typeof ZInspection>> {
  const now = d.clock.now();
  const at = new Date(b.inspectedAt);
  if (at.getTime() > now.getTime() + 300_000)
    throw new AppError('request.invalid', 'inspectedAt is in the future', [
      { path: 'body.inspectedAt', message: '检查时间不能在未来 / inspectedAt is in the future' },
    ]);
  return d.db.transaction(async (tx) => {
    const r = await lockRisk(tx, id);
    const inspectionId = newId();
    await tx.insert(monitoringRiskInspections).values({
      id: inspectionId,
      riskPointId: id,
      ...b,
      inspectedAt: at,
      inspectedBy: viewer.accountId,
      recordedAt: now,
    });
    const last = r.lastInspectedAt && r.lastInspectedAt > at ? r.lastInspectedAt : at;
    await tx
      .update(monitoringRiskPoints)
      .set({
        lastInspectedAt: last,
        nextInspectionDue: dueAfter(last, r.inspectionEveryDays),
        updatedAt: now,
      })
      .where(eq(monitoringRiskPoints.id, id));
    await d.audit.append(
      auditRisk(viewer, 'monitoring.risk.inspected', id, { hazards: String(b.hazardsFound) }),
      tx,
    );
    return { ...b, id: inspectionId, inspectedBy: viewer.accountId };
  });
}

export async function riskHistory(d: MonitoringDeps, id: string) {
  const [assessments, inspections] = await Promise.all([
    d.db
      .select()
      .from(monitoringRiskAssessments)
      .where(eq(monitoringRiskAssessments.riskPointId, id))
      .orderBy(desc(monitoringRiskAssessments.assessedAt)),
    d.db
      .select()
      .from(monitoringRiskInspections)
      .where(eq(monitoringRiskInspections.riskPointId, id))
      .orderBy(desc(monitoringRiskInspections.inspectedAt)),
  ]);
  if (assessments.length === 0 && inspections.length === 0) {
    const [r] = await d.db
      .select({ id: monitoringRiskPoints.id })
      .from(monitoringRiskPoints)
      .where(eq(monitoringRiskPoints.id, id));
    if (!r) throw new AppError('monitoring.risk_not_found', id);
  }
  return {
    assessments: assessments.map((a) => ({
      id: a.id,
      riskLevel: a.riskLevel as RiskLevel,
      previousLevel: a.previousLevel as RiskLevel,
      method: a.method,
      findings: a.findings,
      assessedBy: a.assessedBy,
      assessedAt: a.assessedAt.toISOString(),
    })),
    inspections: inspections.map((i) => ({
      id: i.id,
      inspectedAt: i.inspectedAt.toISOString(),
      findings: i.findings,
      hazardsFound: i.hazardsFound,
      inspectedBy: i.inspectedBy,
    })),
  };
}
