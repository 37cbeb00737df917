import { and, eq, sql } from 'drizzle-orm';
import type { Sweep } from '../../platform/sweeps.ts';
import { eventMeta, recordNow, type CallupContext } from './callup-deps.ts';
import { lockCallup } from './callup-store.ts';
import { forcesCallupAssignments } from './callup-tables.ts';
import { fillOutstanding } from './dispatch-service.ts';

/** Call-ups handled per round; the next round takes the rest. */
const PER_ROUND = 200;
export const TIMEOUT_REASON = '未在应答时限内回复 / no answer by the deadline';

/**
 * Alerts nobody answered by their deadline: each becomes a decline with `timeout: true`, and the
 * call-up escalates to the next eligible team when its order says so (or says, with
 * `forces.callup.unfilled`, that none is left). Per call-up, under the call-up's lock and
 * conditional on the alert still being unanswered, so instances sweeping at once and rounds run
 * twice time an alert out once.
 */
export function ackDeadlineSweep(c: CallupContext): Sweep {
  return {
    name: 'forces.ack-deadlines',
    async run(now) {
      const due = await c.db
        .selectDistinct({ callupId: forcesCallupAssignments.callupId })
        .from(forcesCallupAssignments)
        .where(
          and(
            eq(forcesCallupAssignments.status, 'alerted'),
            // A drill's alerts are due by its run's simulated clock.
            sql`${forcesCallupAssignments.ackDeadline} <= muster_sim_now(${forcesCallupAssignments.drillRunId}, ${now.toISOString()}::timestamptz)`,
          ),
        )
        .limit(PER_ROUND);
      if (due.length === 0) return 0;
      const index = await c.matching.index();
      let timedOut = 0;
      for (const { callupId } of due) {
        timedOut += await c.db.transaction(async (tx) => {
          const callup = await lockCallup(tx, callupId);
          const late = await tx
            .update(forcesCallupAssignments)
            .set({ status: 'timed_out', updatedAt: recordNow(c, callup) })
            .where(
              and(
                eq(forcesCallupAssignments.callupId, callupId),
                eq(forcesCallupAssignments.status, 'alerted'),
                sql`${forcesCallupAssignments.ackDeadline} <= muster_sim_now(${forcesCallupAssignments.drillRunId}, ${now.toISOString()}::timestamptz)`,
              ),
            )
            .returning();
          if (late.length === 0) return 0;
          await c.outbox.append(
            tx,
            late.map((a) => ({
              type: 'forces.callup.declined' as const,
              ...eventMeta('system', a),
              data: {
                callupId,
                incidentId: a.incidentId,
                teamId: a.teamId,
                declinedAt: recordNow(c, a).toISOString(),
                reason: TIMEOUT_REASON,
                timeout: true,
              },
            })),
          );
          if (callup.status === 'open' && callup.autoEscalate)
            await fillOutstanding(c, tx, callup, index, {
              actor: 'system',
              replacing: late.map((a) => ({ capability: a.capability, teamId: a.teamId })),
            });
          return late.length;
        });
      }
      return timedOut;
    },
  };
}
