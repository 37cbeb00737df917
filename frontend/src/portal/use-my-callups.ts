import { ZCallupLiveRow, ZMyCallupList } from '@muster/contracts';
import type { z } from 'zod';
import { useEffect, useMemo, useRef } from 'react';
import { useLiveMapItems } from '../realtime/realtime-context.tsx';
import { usePortalApi } from './api.ts';
import { useLoad } from './use-load.ts';
import type { Loaded } from './use-load.ts';

export type TMyCallupList = z.output<typeof ZMyCallupList>;

/** The layer the gateway pushes acceptance-board rows on; the team's room gets its own rows. */
const CALLUPS_LAYER = 'callups';
/** A fallback when no live push comes (a gateway without the layer, a socket down). */
export const CALLUPS_POLL_MS = 15_000;

/**
 * What the live connection says of this team's call-ups, as one string that changes when any
 * of its rows does (a new alert, a withdrawal, a stand-down by the commander).
 */
function useLiveSignature(teamId: string): string {
  const view = useLiveMapItems();
  return useMemo(() => {
    const layer = view.layers.get(CALLUPS_LAYER);
    if (!layer) return '';
    const parts: string[] = [];
    for (const entry of layer.values()) {
      const row = ZCallupLiveRow.safeParse(entry.data);
      if (!row.success || row.data.teamId !== teamId) continue;
      parts.push(`${entry.id}:${row.data.status}:${row.data.deployment ?? ''}:${row.data.at}`);
    }
    return parts.sort().join('|');
    // `itemsVersion` moves when any item changes: the layer maps are changed in place.
  }, [view.itemsVersion, view.layers, teamId]);
}

/**
 * The team's call-ups from `GET /api/forces/my/callups`, read again at once when the live
 * connection pushes a change of one of the team's rows, and every 15 s as a fallback.
 */
export function useMyCallups(teamId: string): Loaded<TMyCallupList> {
  const api = usePortalApi();
  const loaded = useLoad(
    `callups:${teamId}`,
    (signal) =>
      api('GET', '/api/forces/my/callups?state=all&limit=50', ZMyCallupList, undefined, signal),
    CALLUPS_POLL_MS,
  );
  const signature = useLiveSignature(teamId);
  const seen = useRef(signature);
  const { reload } = loaded;
  useEffect(() => {
    if (seen.current === signature) return;
    seen.current = signature;
    reload();
  }, [signature, reload]);
  return loaded;
}
