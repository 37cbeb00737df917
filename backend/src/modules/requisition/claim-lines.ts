import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { ComputedLine } from './compensation.ts';
import { requisitionAssessmentLines } from './tables.ts';

/** Stores the lines of one assessment of a claim, numbered in order. */
export async function insertLines(
  tx: Tx,
  claimId: string,
  assessmentNo: number,
  lines: readonly ComputedLine[],
): Promise<void> {
  if (lines.length === 0) return;
  await tx.insert(requisitionAssessmentLines).values(
    lines.map((l, i) => ({
      id: newId(),
      claimId,
      assessmentNo,
      seq: i + 1,
      itemId: l.itemId,
      method: l.method,
      description: l.description,
      inputs: l.inputs,
      amountFen: l.amountFen,
      evidence: l.evidence,
      note: l.note,
      flags: l.flags,
    })),
  );
}
