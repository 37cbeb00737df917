import { and, eq, inArray } from 'drizzle-orm';
import { AppError, type TWarning } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { timeFor, type MonitoringDeps } from './deps.ts';
import { monitoringAmendments, monitoringWarnings } from './tables.ts';
import { requireContent } from './warning-content.ts';
import { audit } from './warning-service.ts';
import { adjust, issue, lift } from './warning-steps.ts';
import { lockWarning, reloadWarning, type WarningRow } from './warning-view.ts';

/** Four eyes: whoever proposed or submitted a step never approves it. */
function requireSecondOfficer(viewer: Viewer, proposedBy: string, submittedBy: string | null) {
  if (viewer.accountId === proposedBy || viewer.accountId === submittedBy)
    throw new AppError('monitoring.four_eyes');
}

async function pendingAmendment(tx: Tx, warningId: string) {
  const [a] = await tx
    .select()
    .from(monitoringAmendments)
    .where(
      and(
        eq(monitoringAmendments.warningId, warningId),
        eq(monitoringAmendments.status, 'pending'),
      ),
    )
    .for('update');
  return a;
}

const envelope = (w: WarningRow, actor: string) => ({
  actor,
  exercise: w.exercise,
  ...(w.drillRunId ? { drillRunId: w.drillRunId } : {}),
});

/**
 * A second officer approves the waiting step, and it is published in the same transaction:
 * a draft is issued (CAP Alert), an adjustment applied (Update), a lift done (Cancel).
 */
export async function approve(d: MonitoringDeps, viewer: Viewer, id: string): Promise<TWarning> {
  await d.db.transaction(async (tx) => {
    const w = await lockWarning(tx, id);
    const now = timeFor(d, w);
    if (w.status === 'pending_approval') {
      requireSecondOfficer(viewer, w.proposedBy, w.submittedBy);
      requireContent(w, now);
      await issue(d, tx, w, viewer.accountId, now);
      await audit(d, tx, viewer.accountId, 'monitoring.warning.issued', w);
      return;
    }
    const a = await pendingAmendment(tx, id);
    if (!a || (w.status !== 'issued' && w.status !== 'adjusted'))
      throw new AppError('monitoring.nothing_pending');
    requireSecondOfficer(viewer, a.proposedBy, a.submittedBy);
    await tx
      .update(monitoringAmendments)
      .set({ status: 'approved', decidedBy: viewer.accountId, decidedAt: now })
      .where(eq(monitoringAmendments.id, a.id));
    if (a.action === 'lift') {
      await lift(d, tx, w, a.reason, viewer.accountId, now, false);
      await audit(d, tx, viewer.accountId, 'monitoring.warning.lifted', w);
    } else {
      await adjust(d, tx, w, a.changes, a.reason, viewer.accountId, now);
      await audit(d, tx, viewer.accountId, 'monitoring.warning.adjusted', w, {
        to: a.changes.level ?? w.level,
      });
    }
  });
  return reloadWarning(d.db, id);
}

/** The approver sends the waiting step back: a draft to its author, a step closed as returned. */
export async function returnStep(
  d: MonitoringDeps,
  viewer: Viewer,
  id: string,
  reason: string,
): Promise<TWarning> {
  await d.db.transaction(async (tx) => {
    const w = await lockWarning(tx, id);
    const now = timeFor(d, w);
    let action: 'issue' | 'adjust' | 'lift' = 'issue';
    if (w.status === 'pending_approval') {
      await tx
        .update(monitoringWarnings)
        .set({ status: 'draft', returnReason: reason, updatedAt: now })
        .where(eq(monitoringWarnings.id, id));
    } else {
      const [a] = await tx
        .select()
        .from(monitoringAmendments)
        .where(
          and(
            eq(monitoringAmendments.warningId, id),
            inArray(monitoringAmendments.status, ['proposed', 'pending']),
          ),
        )
        .for('update');
      if (!a) throw new AppError('monitoring.nothing_pending');
      action = a.action as 'adjust' | 'lift';
      await tx
        .update(monitoringAmendments)
        .set({
          status: 'returned',
          decidedBy: viewer.accountId,
          decidedAt: now,
          reason: `${a.reason}\n退回：${reason}`,
        })
        .where(eq(monitoringAmendments.id, a.id));
    }
    await d.outbox.append(tx, [
      {
        type: 'monitoring.warning.returned',
        ...envelope(w, viewer.accountId),
        data: { warningId: id, action },
      },
    ]);
    await audit(d, tx, viewer.accountId, 'monitoring.warning.returned', w, { action });
  });
  return reloadWarning(d.db, id);
}
