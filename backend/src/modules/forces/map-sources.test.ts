import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  ZCallupLiveRow,
  ZTeamMapItem,
  type TCallupLiveRow,
  type TMapItem,
  type TMapUpdate,
  type TTeamMapItem,
} from '@muster/contracts';
import { roomAdmits } from '../../platform/realtime/layer-projection.ts';
import type { MapLayerSource } from '../../platform/realtime/layer-source.ts';
import { approvedTeam, dispatchedCallup, places, reportIncident } from '../../testing/callups.ts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  REALTIME_TEST_CONFIG,
  gatewayClient,
  open,
  record,
  type TestSocket,
} from '../../testing/realtime.ts';
import { callupBoardItem, type CallupBoardEvent } from './callup-board.ts';
import { boardAudience, callupsMapSource, teamsMapSource } from './map-sources.ts';
import { forcesTeams } from './tables.ts';

const place = places();

/** The last item of a layer with an id among recorded `map:update`s. */
const lastOf = (updates: readonly TMapUpdate[], layer: string, id: string): TMapItem | undefined =>
  updates
    .filter((u) => u.layer === layer)
    .flatMap((u) => u.items.filter((i) => i.id === id))
    .at(-1);

describe('forces map layer sources: teams and the live call-up board', () => {
  let w: ForcesWorld;
  let incident: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    w = await startForcesWorld(
      {
        duty: { role: 'duty_officer' },
        commander: { role: 'commander' },
        other: { role: 'commander' },
        department: { role: 'department', departmentId: 'water' },
      },
      { config: { ...REALTIME_TEST_CONFIG, MUSTER_ROLES: 'api,consumers,realtime' } },
    );
    incident = await reportIncident(w, { commander: 'commander' });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await w?.stop();
  });

  const listen = async (name: string) => {
    const token = w.headersOf(name).authorization!.replace(/^Bearer /, '');
    const s = await open(gatewayClient(w.m, { token }));
    sockets.push(s);
    return record(s, 'map:update');
  };
  const act = (who: string, c: string, t: string, what: string, body: unknown = {}) =>
    w.as(who, 'POST', `/api/forces/callups/${c}/teams/${t}/${what}`, body);
  const teamNow = async (id: string) =>
    (await teamsMapSource.snapshot(w.m.database.db)).find((i) => i.id === id);

  it('puts an approved team at its base, then on its call-up, deployed, and back; each viewer as the policy allows', async () => {
    const p = place();
    const team = await approvedTeam(w, 'lead', { filing: { base: p.at(2) } });
    const [row] = await w.m.database.db
      .select({ phone: forcesTeams.leaderPhone, name: forcesTeams.name })
      .from(forcesTeams)
      .where(eq(forcesTeams.id, team.id));
    const phone = row!.phone;

    const available = await teamNow(team.id);
    expect(ZTeamMapItem.parse(available?.data)).toMatchObject({
      teamId: team.id,
      name: row!.name,
      status: 'available',
      base: { lon: p.at(2).lon, lat: p.at(2).lat },
      people: 1,
      contactPhone: phone,
    });
    expect(available).toMatchObject({
      exercise: false,
      subject: { type: 'team', id: team.id, teamId: team.id },
    });

    const seen = {
      commander: await listen('commander'),
      other: await listen('other'),
      department: await listen('department'),
    };
    const callupId = await dispatchedCallup(w, incident, team.id, p.rally);
    expect((await teamNow(team.id))?.data.status).toBe('alerted');
    const boardId = `${callupId}:${team.id}`;
    const board = async () =>
      (await callupsMapSource.snapshot(w.m.database.db)).find((i) => i.id === boardId);
    expect(ZCallupLiveRow.parse((await board())?.data)).toMatchObject({
      status: 'alerted',
      deployment: null,
      capability: 'water_rescue',
    });

    expect(
      (await act('lead', callupId, team.id, 'answer', { answer: 'accept', people: 4 })).status,
    ).toBe(200);
    const deployed = await teamNow(team.id);
    expect(deployed?.data).toMatchObject({ status: 'en_route', incidentId: incident, people: 4 });
    // Drawn at its live position now, not at its base.
    expect(deployed?.data.base).toBeUndefined();
    expect(deployed?.incidentId).toBe(incident);

    // Live through the gateway: the commander of the incident gets the phone whole, another
    // commander masked, the department not at all (and no board row).
    const teamFor = (u: readonly TMapUpdate[]) =>
      lastOf(u, 'teams', team.id)?.data as TTeamMapItem | undefined;
    await waitFor('the deployed team on every map', () =>
      Object.values(seen).every((u) => teamFor(u)?.status === 'en_route'),
    );
    expect(teamFor(seen.commander)?.contactPhone).toBe(phone);
    expect(teamFor(seen.other)?.contactPhone).toMatch(/^\d{3}\*+\d{4}$/);
    expect(teamFor(seen.department)).not.toHaveProperty('contactPhone');
    expect(JSON.stringify(seen.department)).not.toContain(phone);
    await waitFor('the accepted row on the commander’s board', () => {
      const r = lastOf(seen.commander, 'callups', boardId)?.data as TCallupLiveRow | undefined;
      return r?.status === 'accepted' && r.people === 4;
    });
    expect(seen.department.some((u) => u.layer === 'callups')).toBe(false);
    expect(seen.other.some((u) => u.layer === 'callups')).toBe(false);

    expect((await act('lead', callupId, team.id, 'check-in', {})).status).toBe(200);
    expect((await teamNow(team.id))?.data.status).toBe('on_scene');
    expect((await board())?.data).toMatchObject({ status: 'accepted', deployment: 'on_scene' });

    expect((await act('commander', callupId, team.id, 'stand-down', { people: [] })).status).toBe(
      200,
    );
    expect((await teamNow(team.id))?.data).toMatchObject({ status: 'available' });
    expect((await board())?.data.status).toBe('stood_down');
    await waitFor('the stood-down row on the commander’s board', () => {
      const r = lastOf(seen.commander, 'callups', boardId)?.data as TCallupLiveRow | undefined;
      return r?.status === 'stood_down';
    });
  });

  it('states the board row from the tables: an event older than the row changes nothing', async () => {
    const p = place();
    const team = await approvedTeam(w, 'lead2', { filing: { base: p.at(1) } });
    const callupId = await dispatchedCallup(w, incident, team.id, p.rally);
    await act('lead2', callupId, team.id, 'answer', { answer: 'accept', people: 2 });
    const alerted = (await w.eventsOf(team.id)).find((e) => e.type === 'forces.callup.alerted');
    const source = callupsMapSource as unknown as MapLayerSource<TCallupLiveRow>;
    const [change] = await source.changes(alerted as never, w.m.database.db);
    expect(change?.op === 'upsert' && change.item.data).toMatchObject({
      status: 'accepted',
      people: 2,
    });
    // The same row as the pure fold of the board gives, and the same readers.
    const folded = callupBoardItem(alerted as unknown as CallupBoardEvent);
    for (const room of folded.rooms)
      expect(
        roomAdmits(room, {
          id: folded.item.id,
          data: folded.item.data,
          audience: boardAudience(folded.item.data),
          exercise: false,
        }),
      ).toBe(true);
    expect(
      roomAdmits(
        { kind: 'observers' },
        {
          id: folded.item.id,
          data: folded.item.data,
          audience: boardAudience(folded.item.data),
          exercise: false,
        },
      ),
    ).toBe(false);
  });
});
