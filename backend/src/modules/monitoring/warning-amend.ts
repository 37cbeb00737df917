import { and, eq, inArray, lte } from 'drizzle-orm';
import { AppError, type TAmendmentRequest, type TWarning } from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import { newId } from '../../platform/ids.ts';
import { uniqueViolation } from '../../platform/db/errors.ts';
import { timeFor, type MonitoringDeps } from './deps.ts';
import { monitoringAmendments, monitoringWarnings } from './tables.ts';
import { audit } from './warning-service.ts';
import { lift } from './warning-steps.ts';
import { lockWarning, reloadWarning, requireStatus } from './warning-view.ts';

/**
 * An officer proposes an adjustment (level, area, measures; art. 70) or a lift of a warning in
 * force; it waits for a second officer. One step at a time per warning.
 */
export async function amend(
  d: MonitoringDeps,
  viewer: Viewer,
  id: string,
  b: TAmendmentRequest,
): Promise<TWarning> {
  try {
    await d.db.transaction(async (tx) => {
      const w = await lockWarning(tx, id);
      requireStatus(w, 'issued', 'adjusted');
      if (w.origin !== 'own') throw new AppError('monitoring.warning_wrong_status', 'external');
      const now = timeFor(d, w);
      await tx.insert(monitoringAmendments).values({
        id: newId(),
        warningId: id,
        action: b.action,
        status: 'pending',
        changes: b.action === 'adjust' ? b.changes : {},
        reason: b.reason,
        proposedBy: viewer.accountId,
        submittedBy: viewer.accountId,
        submittedAt: now,
        createdAt: now,
      });
      await d.outbox.append(tx, [
        {
          type: 'monitoring.warning.submitted',
          actor: viewer.accountId,
          exercise: w.exercise,
          ...(w.drillRunId ? { drillRunId: w.drillRunId } : {}),
          data: { warningId: id, action: b.action },
        },
      ]);
      await audit(d, tx, viewer.accountId, 'monitoring.warning.amendment_proposed', w, {
        action: b.action,
      });
    });
  } catch (err) {
    if (uniqueViolation(err) === 'monitoring_amendments_open_idx')
      throw new AppError('monitoring.amendment_pending');
    throw err;
  }
  return reloadWarning(d.db, id);
}

/**
 * Warnings whose expected end has passed expire on their own (a CAP Cancel marks it, the lifted
 * event says `expired`); an adjustment or lift still waiting on them is closed. External
 * warnings just expire: their agency publishes their messages.
 */
export function expirySweep(d: MonitoringDeps): Sweep {
  return {
    name: 'monitoring.warning-expiry',
    async run(now) {
      const due = await d.db
        .select({ id: monitoringWarnings.id })
        .from(monitoringWarnings)
        .where(
          and(
            inArray(monitoringWarnings.status, ['issued', 'adjusted']),
            lte(monitoringWarnings.expiresAt, now),
          ),
        )
        .limit(100);
      let n = 0;
      for (const { id } of due) {
        await d.db.transaction(async (tx) => {
          const w = await lockWarning(tx, id);
          // Another instance, or an officer's lift, got there first.
          if (!['issued', 'adjusted'].includes(w.status) || !w.expiresAt || w.expiresAt > now)
            return;
          await tx
            .update(monitoringAmendments)
            .set({ status: 'returned', decidedAt: now })
            .where(
              and(
                eq(monitoringAmendments.warningId, id),
                inArray(monitoringAmendments.status, ['proposed', 'pending']),
              ),
            );
          if (w.origin === 'external') {
            await tx
              .update(monitoringWarnings)
              .set({ status: 'expired', endedAt: now, endReason: 'expired', updatedAt: now })
              .where(eq(monitoringWarnings.id, id));
            return;
          }
          await lift(d, tx, w, '预警期满自动解除 / expired', 'system', now, true);
          await audit(d, tx, 'system', 'monitoring.warning.expired', w);
          n++;
        });
      }
      return n;
    },
  };
}
