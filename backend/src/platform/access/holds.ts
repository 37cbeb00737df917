import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { newId } from '../ids.ts';
import type { AuditWriter } from './audit-writer.ts';
import { destructionJobs, personalHolds } from './tables.ts';

/** The law a hold rests on unless its maker cites a more specific one. */
export const HOLD_LEGAL_BASIS =
  'Emergency Response Law art. 85 (retention for investigation and evaluation)';

/** A hold as its maker states it (the admin through the API, or a module for its own records). */
export interface HoldInput {
  incidentId: string;
  holder: string;
  category: string;
  subjectIds: string[] | 'all';
  reason: string;
  assessment: { legality: string; necessity: string; security: string };
  until: Date;
  /** The official whose decision the hold rests on. */
  approvedBy: string;
  /** Who records it: the approver, or `system` when a module keeps its own records. */
  actor: string;
  legalBasis?: string;
}

/** Records a hold, audited in the same transaction; returns the row. */
export async function placeHold(
  tx: Executor,
  audit: AuditWriter,
  h: HoldInput,
): Promise<typeof personalHolds.$inferSelect> {
  const [row] = await tx
    .insert(personalHolds)
    .values({
      id: newId(),
      incidentId: h.incidentId,
      holder: h.holder,
      category: h.category,
      subjectIds: h.subjectIds,
      reason: h.reason,
      assessment: JSON.stringify(h.assessment),
      approvedBy: h.approvedBy,
      until: h.until,
    })
    .returning();
  await audit.append(
    {
      actor: h.actor,
      action: 'personal.hold_created',
      subjectType: 'incident',
      subjectId: h.incidentId,
      field: `${h.holder}:${h.category}`,
      legalBasis: h.legalBasis ?? HOLD_LEGAL_BASIS,
      detail: {
        holdId: row!.id,
        subjects: h.subjectIds === 'all' ? 'all' : h.subjectIds.length,
        until: h.until.toISOString(),
      },
    },
    tx,
  );
  return row!;
}

/**
 * Releases a hold (audited) and brings the incident's destruction job forward, so what the hold
 * kept is destroyed on the next run. Returns the row, or undefined when there is no such hold.
 */
export async function releaseHold(
  tx: Executor,
  audit: AuditWriter,
  r: { id: string; actor: string; at: Date },
): Promise<typeof personalHolds.$inferSelect | undefined> {
  const [h] = await tx
    .update(personalHolds)
    .set({ releasedAt: r.at })
    .where(eq(personalHolds.id, r.id))
    .returning();
  if (!h) return undefined;
  await tx
    .update(destructionJobs)
    .set({ nextRunAt: r.at })
    .where(eq(destructionJobs.incidentId, h.incidentId));
  await audit.append(
    {
      actor: r.actor,
      action: 'personal.hold_released',
      subjectType: 'incident',
      subjectId: h.incidentId,
      detail: { holdId: h.id },
    },
    tx,
  );
  return h;
}

/**
 * Holds and destruction meet on the incident's destruction job. The runner locks the job first
 * and then the records it destroys; a module that releases or replaces a hold on records it may
 * also be changing takes the job first too (before those records), so the two never wait on each
 * other in opposite orders. No job yet (the incident is open): nothing to lock.
 */
export async function lockIncidentDestruction(tx: Executor, incidentId: string): Promise<void> {
  await tx
    .select({ incidentId: destructionJobs.incidentId })
    .from(destructionJobs)
    .where(eq(destructionJobs.incidentId, incidentId))
    .for('update');
}
