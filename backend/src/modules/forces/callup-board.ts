import type { AppRegistry, TCallupLiveRow } from '@muster/contracts';
import type { HandledEvent } from '../../platform/bus/consumer.ts';
import type { RoomClass } from '../../platform/realtime/rooms.ts';

/** The events the live acceptance board and the team portal's alerts change on. */
export const CALLUP_BOARD_EVENT_TYPES = [
  'forces.callup.alerted',
  'forces.callup.accepted',
  'forces.callup.declined',
  'forces.callup.alert_withdrawn',
  'forces.team.checked_in',
  'forces.deployment.status_changed',
  'forces.callup.stood_down',
] as const;
export type CallupBoardEventType = (typeof CALLUP_BOARD_EVENT_TYPES)[number];
/** One of those events, parsed (a union discriminated by `type`). */
export type CallupBoardEvent = HandledEvent<AppRegistry, CallupBoardEventType>;

/** The map layer the rows ride on (`map:update`). */
export const CALLUP_BOARD_LAYER = 'callups';

export interface CallupBoardPush {
  layer: typeof CALLUP_BOARD_LAYER;
  /** Everyone who may see the row: it holds ids, statuses and times only, no personal data. */
  rooms: RoomClass[];
  item: { id: string; op: 'upsert'; data: TCallupLiveRow };
}

/** Later states win over earlier ones at the same instant (a stand-down after its last status). */
const RANK: Record<TCallupLiveRow['status'], number> = {
  alerted: 0,
  accepted: 1,
  declined: 1,
  timed_out: 1,
  withdrawn: 1,
  stood_down: 2,
};

/** The row one event says, before merging with what was held. */
function rowOf(e: CallupBoardEvent): TCallupLiveRow {
  const base = {
    callupId: e.data.callupId,
    incidentId: e.data.incidentId,
    teamId: e.data.teamId,
    exercise: e.exercise,
  };
  switch (e.type) {
    case 'forces.callup.alerted':
      return {
        ...base,
        status: 'alerted',
        deployment: null,
        ackDeadline: e.data.ackDeadline,
        at: e.occurredAt,
        ...(e.data.capability ? { capability: e.data.capability } : {}),
        ...(e.data.escalatedFrom ? { escalatedFrom: e.data.escalatedFrom } : {}),
      };
    case 'forces.callup.accepted':
      return {
        ...base,
        status: 'accepted',
        deployment: null,
        at: e.data.acceptedAt,
        people: e.data.people,
      };
    case 'forces.callup.declined':
      return {
        ...base,
        status: e.data.timeout ? 'timed_out' : 'declined',
        deployment: null,
        at: e.data.declinedAt,
        timedOut: e.data.timeout,
      };
    case 'forces.callup.alert_withdrawn':
      return { ...base, status: 'withdrawn', deployment: null, at: e.data.at };
    case 'forces.team.checked_in':
      return { ...base, status: 'accepted', deployment: 'on_scene', at: e.data.checkedInAt };
    case 'forces.deployment.status_changed':
      return { ...base, status: 'accepted', deployment: e.data.status, at: e.data.at };
    case 'forces.callup.stood_down':
      return { ...base, status: 'stood_down', deployment: null, at: e.data.stoodDownAt };
  }
}

/**
 * Event → board row, a pure function for the realtime gateway: the row of `(callup, team)` after
 * this event, merged with the row held so far (`held`; events may arrive out of order: an older
 * one than the held row changes nothing), and who may see it: the incident's commanders and the
 * duty officers (its command and office rooms, the duty officers' and admins' role rooms) and
 * the team itself (its portal's alert). Send `item` as a `map:update` item of `layer`.
 */
export function callupBoardItem(e: CallupBoardEvent, held?: TCallupLiveRow): CallupBoardPush {
  const next = rowOf(e);
  const older =
    held !== undefined &&
    (Date.parse(held.at) > Date.parse(next.at) ||
      (held.at === next.at && RANK[held.status] > RANK[next.status]));
  const data: TCallupLiveRow = older ? held : { ...held, ...next };
  return {
    layer: CALLUP_BOARD_LAYER,
    rooms: [
      { kind: 'command', incidentId: data.incidentId },
      { kind: 'office', incidentId: data.incidentId },
      { kind: 'role', role: 'duty_officer' },
      { kind: 'role', role: 'admin' },
      { kind: 'team', teamId: data.teamId },
    ],
    item: { id: `${data.callupId}:${data.teamId}`, op: 'upsert', data },
  };
}
