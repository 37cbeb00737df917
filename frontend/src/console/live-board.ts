import { ZCallupLiveRow } from '@muster/contracts';
import type { TCallupBoardRow, TCallupLiveRow } from '@muster/contracts';
import { useLiveMapItems } from '../realtime/realtime-context.tsx';

/** The live map layer the acceptance board rides on (backend: forces/callup-board.ts). */
export const CALLUPS_LAYER = 'callups';

/** The live rows of one call-up, by team, as the gateway pushed them. */
export function useLiveCallupRows(callupId: string): Map<string, TCallupLiveRow> {
  const view = useLiveMapItems();
  const rows = new Map<string, TCallupLiveRow>();
  for (const entry of view.layers.get(CALLUPS_LAYER)?.values() ?? []) {
    // Not one of the map's own layers, so the live map keeps it as sent: parsed here.
    const parsed = ZCallupLiveRow.safeParse(entry.data);
    if (parsed.success && parsed.data.callupId === callupId)
      rows.set(parsed.data.teamId, parsed.data);
  }
  return rows;
}

/** The latest time the REST row knows of. */
function restAt(r: TCallupBoardRow): number {
  return Math.max(
    ...[r.alertedAt, r.answeredAt, r.checkedInAt, r.statusAt, r.stoodDownAt]
      .filter((x): x is string => x !== null)
      .map((x) => Date.parse(x)),
  );
}

/**
 * The board as the REST answer gave it, with each row's status taken from a newer live push:
 * the change shows at once, the names and contacts follow with the next fetch.
 */
export function mergeBoard(
  board: readonly TCallupBoardRow[],
  live: ReadonlyMap<string, TCallupLiveRow>,
): TCallupBoardRow[] {
  return board.map((r) => {
    const l = live.get(r.teamId);
    if (!l || Date.parse(l.at) < restAt(r)) return r;
    return {
      ...r,
      status: l.status,
      deployment: l.deployment,
      people: l.people ?? r.people,
      ...(l.ackDeadline ? { ackDeadline: l.ackDeadline } : {}),
    };
  });
}

/** A key that changes whenever any live row of the call-up does (to refetch names). */
export function liveSignature(live: ReadonlyMap<string, TCallupLiveRow>): string {
  return [...live.values()]
    .map((l) => `${l.teamId}:${l.status}:${l.deployment ?? ''}:${l.at}`)
    .sort()
    .join('|');
}
