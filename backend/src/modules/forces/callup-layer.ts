import { and, eq, inArray } from 'drizzle-orm';
import { ZCallupLiveRow, type TCallupLiveRow } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import type { MapLayerItem, MapLayerSource } from '../../platform/realtime/layer-source.ts';
import {
  CALLUP_BOARD_EVENT_TYPES,
  CALLUP_BOARD_LAYER,
  type CallupBoardEventType,
} from './callup-board.ts';
import type { AssignmentRow } from './callup-store.ts';
import { forcesCallupAssignments as A } from './callup-tables.ts';

/** Rows a fresh map needs: alerts to answer and teams deployed. The rest arrive as they change. */
const LIVE_STATUSES = ['alerted', 'accepted'];

function itemOf(a: AssignmentRow): MapLayerItem<TCallupLiveRow> {
  return {
    id: `${a.callupId}:${a.teamId}`,
    data: {
      callupId: a.callupId,
      incidentId: a.incidentId,
      teamId: a.teamId,
      exercise: a.exercise,
      capability: a.capability as TCallupLiveRow['capability'],
      status: a.status as TCallupLiveRow['status'],
      deployment: a.deployment as TCallupLiveRow['deployment'],
      ackDeadline: a.ackDeadline.toISOString(),
      at: a.updatedAt.toISOString(),
      ...(a.people === null ? {} : { people: a.people }),
      ...(a.status === 'timed_out' ? { timedOut: true } : {}),
      ...(a.escalatedFrom ? { escalatedFrom: a.escalatedFrom } : {}),
    },
    // The row holds ids, statuses and times only: the office, the incident's commanders and the
    // team itself (its portal's alert) may see it.
    audience: { roles: ['duty_officer', 'admin'], teamId: a.teamId, incidentId: a.incidentId },
    exercise: a.exercise,
    incidentId: a.incidentId,
  };
}

/**
 * The live acceptance board and the team portal's alerts as a map layer (`callups`, ADR 0006):
 * each call-up event states its row as the table holds it now, so order and redelivery cannot
 * leave a wrong row. The same rows `callupBoardItem` derives from the events alone.
 */
export const callupLayer: MapLayerSource<TCallupLiveRow, CallupBoardEventType> = {
  layer: CALLUP_BOARD_LAYER,
  eventTypes: CALLUP_BOARD_EVENT_TYPES,
  schema: ZCallupLiveRow,
  async changes(event, db: Executor) {
    const [row] = await db
      .select()
      .from(A)
      .where(and(eq(A.callupId, event.data.callupId), eq(A.teamId, event.data.teamId)));
    return row ? [{ op: 'upsert', item: itemOf(row) }] : [];
  },
  async snapshot(db: Executor) {
    const rows = await db.select().from(A).where(inArray(A.status, LIVE_STATUSES));
    return rows.map(itemOf);
  },
};
