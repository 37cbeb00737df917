import { levelRank, type TWarningArea, type WarningLevel } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import { codesOverlap } from './area-match.ts';
import { monitoringInbox, monitoringResponsibilities } from './tables.ts';

export interface InboxDelivery {
  kind: 'warning' | 'inspection_overdue' | 'threshold';
  refId: string;
  /** Tells one occurrence of the same thing from the next (a CAP identifier, a due date). */
  occurrence: string;
  title: string;
  level: WarningLevel | null;
  exercise: boolean;
  at: Date;
}

/** Puts an item in departments' inboxes; delivering the same occurrence again changes nothing. */
export async function deliver(
  tx: Executor,
  departmentIds: readonly string[],
  item: InboxDelivery,
): Promise<void> {
  await deliverAll(tx, [{ departmentIds, item }]);
}

/** Several items in one statement (a batch of readings' crossings). */
export async function deliverAll(
  tx: Executor,
  deliveries: readonly { departmentIds: readonly string[]; item: InboxDelivery }[],
): Promise<void> {
  const rows = deliveries.flatMap(({ departmentIds, item }) =>
    [...new Set(departmentIds)].map((departmentId) => ({
      id: newId(),
      departmentId,
      kind: item.kind,
      refId: item.refId,
      occurrence: item.occurrence,
      title: item.title,
      level: item.level,
      exercise: item.exercise,
      createdAt: item.at,
    })),
  );
  if (rows.length === 0) return;
  await tx.insert(monitoringInbox).values(rows).onConflictDoNothing();
}

/**
 * The departments a warning concerns, by the responsibility matrix: its category is one they
 * answer for (an empty list answers for all), its level is at or above their threshold, and its
 * area shares a code with theirs (an empty list is the whole district; a warning given only by
 * polygons reaches every department of its category).
 */
export async function departmentsForWarning(
  tx: Executor,
  w: { category: string; level: WarningLevel; area: TWarningArea | null },
): Promise<string[]> {
  const rows = await tx.select().from(monitoringResponsibilities);
  return rows
    .filter(
      (r) =>
        (r.warningCategories.length === 0 || r.warningCategories.includes(w.category)) &&
        levelRank(w.level) >= levelRank(r.minWarningLevel as WarningLevel) &&
        (!w.area || w.area.codes.length === 0 || codesOverlap(r.areaCodes, w.area.codes)),
    )
    .map((r) => r.departmentId);
}
