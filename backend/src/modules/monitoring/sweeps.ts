import { and, eq, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { RISK_TYPES, type RiskType } from '@muster/contracts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { MonitoringDeps } from './deps.ts';
import { deliver } from './inbox.ts';
import { monitoringPoints, monitoringResponsibilities, monitoringRiskPoints } from './tables.ts';

/**
 * A point that has said nothing for three heartbeat intervals is offline; the event names it.
 * The update is conditional, so two instances sweeping at once mark each point once.
 */
export function livenessSweep(d: MonitoringDeps): Sweep {
  return {
    name: 'monitoring.point-liveness',
    async run(now) {
      return d.db.transaction(async (tx) => {
        const gone = await tx
          .update(monitoringPoints)
          .set({ status: 'offline', updatedAt: now })
          .where(
            and(
              eq(monitoringPoints.status, 'online'),
              isNotNull(monitoringPoints.lastSeenAt),
              sql`${monitoringPoints.lastSeenAt} + make_interval(secs => 3 * ${monitoringPoints.heartbeatS}) < ${now.toISOString()}::timestamptz`,
            ),
          )
          .returning({ id: monitoringPoints.id });
        if (gone.length > 0)
          await d.outbox.append(
            tx,
            gone.map((p) => ({
              type: 'monitoring.point.offline' as const,
              actor: 'system',
              data: { pointId: p.id, at: now.toISOString() },
            })),
          );
        return gone.length;
      });
    },
  };
}

/**
 * An inspection not done by its due date raises one alarm (event and inboxes of the owning
 * department and of those answering for the risk type) per missed due date.
 */
export function overdueSweep(d: MonitoringDeps): Sweep {
  return {
    name: 'monitoring.inspection-overdue',
    async run(now) {
      return d.db.transaction(async (tx) => {
        const due = await tx
          .update(monitoringRiskPoints)
          .set({ overdueAlarmedFor: sql`${monitoringRiskPoints.nextInspectionDue}` })
          .where(
            and(
              lte(monitoringRiskPoints.nextInspectionDue, now),
              or(
                isNull(monitoringRiskPoints.overdueAlarmedFor),
                ne(monitoringRiskPoints.overdueAlarmedFor, monitoringRiskPoints.nextInspectionDue),
              ),
            ),
          )
          .returning();
        if (due.length === 0) return 0;
        const matrix = await tx.select().from(monitoringResponsibilities);
        for (const r of due) {
          await d.outbox.append(tx, [
            {
              type: 'monitoring.risk.inspection_overdue',
              actor: 'system',
              data: {
                riskPointId: r.id,
                departmentId: r.departmentId,
                dueAt: r.nextInspectionDue.toISOString(),
              },
            },
          ]);
          const owners = matrix
            .filter((m) => m.riskTypes.includes(r.type))
            .map((m) => m.departmentId);
          await deliver(tx, [r.departmentId, ...owners], {
            kind: 'inspection_overdue',
            refId: r.id,
            occurrence: r.nextInspectionDue.toISOString(),
            title: `检查逾期：${r.name}（${RISK_TYPES[r.type as RiskType].zh}）`,
            level: null,
            exercise: false,
            at: now,
          });
        }
        return due.length;
      });
    },
  };
}
