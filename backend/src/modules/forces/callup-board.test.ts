import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ZCallupLiveRow } from '@muster/contracts';
import { callupBoardItem, type CallupBoardEvent } from './callup-board.ts';

const callupId = randomUUID();
const incidentId = randomUUID();
const teamId = randomUUID();
const t = (min: number) => new Date(Date.UTC(2026, 11, 1, 0, min)).toISOString();

/** A parsed event as the gateway would hand it over. */
function event(type: CallupBoardEvent['type'], data: Record<string, unknown>, min: number) {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: t(min),
    source: 'forces',
    actor: 'system',
    incidentId,
    exercise: true,
    correlationId: randomUUID(),
    data: { callupId, incidentId, teamId, ...data },
  } as unknown as CallupBoardEvent;
}

describe('the live acceptance board from events', () => {
  it('turns each event into the team’s row, for the incident’s command rooms and the team', () => {
    const alerted = callupBoardItem(
      event('forces.callup.alerted', { ackDeadline: t(15), capability: 'water_rescue' }, 0),
    );
    expect(alerted.item).toEqual({
      id: `${callupId}:${teamId}`,
      op: 'upsert',
      data: {
        callupId,
        incidentId,
        teamId,
        exercise: true,
        status: 'alerted',
        deployment: null,
        ackDeadline: t(15),
        capability: 'water_rescue',
        at: t(0),
      },
    });
    expect(alerted.layer).toBe('callups');
    expect(alerted.rooms).toEqual(
      expect.arrayContaining([
        { kind: 'command', incidentId },
        { kind: 'office', incidentId },
        { kind: 'team', teamId },
      ]),
    );
    let row = alerted.item.data;
    const steps: [CallupBoardEvent, string, string | null][] = [
      [event('forces.callup.accepted', { acceptedAt: t(3), people: 6 }, 3), 'accepted', null],
      [
        event(
          'forces.deployment.status_changed',
          { status: 'en_route', previous: null, at: t(5) },
          5,
        ),
        'accepted',
        'en_route',
      ],
      [event('forces.team.checked_in', { checkedInAt: t(40) }, 40), 'accepted', 'on_scene'],
      [event('forces.callup.stood_down', { stoodDownAt: t(200) }, 200), 'stood_down', null],
    ];
    for (const [e, status, deployment] of steps) {
      row = callupBoardItem(e, row).item.data;
      expect([row.status, row.deployment]).toEqual([status, deployment]);
      ZCallupLiveRow.parse(row);
    }
    // What the alert said is kept as later events arrive.
    expect(row).toMatchObject({ capability: 'water_rescue', people: 6, ackDeadline: t(15) });
  });

  it('ignores an event older than the row it holds (events arrive out of order)', () => {
    const accepted = callupBoardItem(
      event('forces.callup.accepted', { acceptedAt: t(3), people: 2 }, 3),
    );
    const late = callupBoardItem(
      event('forces.callup.alerted', { ackDeadline: t(15) }, 0),
      accepted.item.data,
    );
    expect(late.item.data.status).toBe('accepted');
    const timedOut = callupBoardItem(
      event('forces.callup.declined', { declinedAt: t(16), reason: 'x', timeout: true }, 16),
    );
    expect(timedOut.item.data).toMatchObject({ status: 'timed_out', timedOut: true });
  });
});
