import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  ZLatitude,
  ZLongitude,
  ZServerHello,
  ZSyncReplay,
  ZSyncSnapshot,
  personal,
  type Role,
  type TMapItem,
  type TMapUpdate,
} from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login } from '../../testing/accounts.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  REALTIME_TEST_CONFIG,
  gatewayClient,
  open,
  publishIncidentClosed,
  record,
  settle,
  type TestSocket,
} from '../../testing/realtime.ts';
import {
  installMapItemsTable,
  putMapItems,
  tableLayerSource,
  type TestMapItem,
} from '../../testing/map-layers.ts';
import { grants } from '../access/grants.ts';
import { auditLog } from '../access/tables.ts';

/** A layer item with a contact (not sensitive) and a live location (sensitive, audited). */
const ZCrew = z.object({
  name: z.string(),
  phone: personal(z.string(), 'contact').optional(),
  lon: personal(ZLongitude, 'location').optional(),
  lat: personal(ZLatitude, 'location').optional(),
});
const PHONE = '13812345678';
const nameOf = (id: string) => `船队 ${id.slice(0, 4)}`;
const AT = { lon: 106.43217, lat: 29.82361 };

const itemsOf = (updates: readonly TMapUpdate[], id: string): TMapItem[] =>
  updates.filter((u) => u.layer === 'crews').flatMap((u) => u.items.filter((i) => i.id === id));

describe('map layers through the gateway', () => {
  let env: TestEnv;
  let m: Muster;
  const incident = randomUUID();
  const [teamA, teamB] = [randomUUID(), randomUUID()];
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const sockets: TestSocket[] = [];

  async function connect(name: string, role: Role, teamId?: string): Promise<TestSocket> {
    if (!tokens[name]) {
      const a = await createAccount(m.database.db, { role, ...(teamId ? { teamId } : {}) });
      ids[name] = a.id;
      tokens[name] = (await login(`http://127.0.0.1:${m.port}`, a.username, a.password)).bearer;
    }
    const socket = await open(gatewayClient(m, { token: tokens[name] }));
    sockets.push(socket);
    return socket;
  }

  const crew = (id: string, o: Partial<TestMapItem> = {}): TestMapItem => ({
    layer: 'crews',
    id,
    data: { name: nameOf(id), phone: PHONE, ...AT },
    audience: { roles: ['admin', 'duty_officer', 'commander', 'observer'], teamId: id },
    incidentId: incident,
    subject: { type: 'team', id, teamId: id },
    ...o,
  });

  beforeAll(async () => {
    env = await createTestEnv();
    await installMapItemsTable(env.databaseUrl);
    m = await startMuster(env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS }), {
      extraMapLayers: [tableLayerSource('crews', ZCrew)],
    });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await m?.stop();
    await env?.cleanup();
  });

  it('projects each item per room: whole for the commander of its incident, masked or dropped elsewhere, nothing outside its audience', async () => {
    const db = m.database.db;
    const commander = await connect('commander', 'commander');
    await grants.grant(db, {
      kind: 'command',
      incidentId: incident,
      accountId: ids.commander!,
      at: new Date(),
    });
    await grants.grant(db, {
      kind: 'deployment',
      incidentId: incident,
      teamId: teamA,
      at: new Date(),
    });
    await m.realtime!.refreshAccess();
    const others = {
      otherCommander: await connect('otherCommander', 'commander'),
      observer: await connect('observer', 'observer'),
      department: await connect('department', 'department'),
      memberA: await connect('memberA', 'team_member', teamA),
      memberB: await connect('memberB', 'team_member', teamB),
    };
    const got = new Map(
      [commander, ...Object.values(others)].map((s) => [s, record(s, 'map:update')] as const),
    );

    await putMapItems(m, [crew(teamA)]);
    const seen = (s: TestSocket) => itemsOf(got.get(s)!, teamA);
    for (const s of [
      commander,
      others.otherCommander,
      others.observer,
      others.department,
      others.memberA,
    ])
      await waitFor('the item to reach each room', () => seen(s).length > 0);
    await settle();

    expect(seen(commander)).toEqual([
      { id: teamA, op: 'upsert', data: { name: nameOf(teamA), phone: PHONE, ...AT } },
    ]);
    // The team's own members see its position whole, not the leader's-only contact rule's phone.
    expect(seen(others.memberA)[0]!.data).toEqual({ name: nameOf(teamA), ...AT });
    expect(seen(others.otherCommander)[0]!.data).toEqual({
      name: nameOf(teamA),
      phone: '138****5678',
      lon: 106.43,
      lat: 29.82,
    });
    for (const s of [others.observer, others.department])
      expect(seen(s)[0]!.data).toEqual({ name: nameOf(teamA), lon: 106.43, lat: 29.82 });
    expect(got.get(others.memberB)).toEqual([]);
    // Pushed once per room per tick: every message of the tick carries one seq.
    expect(new Set([...got.values()].flat().map((u) => u.seq)).size).toBe(1);

    // Whole views of the live location are audited once per account; no coordinate in the log.
    await waitFor('the audit', async () => (await viewsOf(ids.commander!)).length > 0);
    await putMapItems(m, [crew(teamA, { data: { name: '改名', phone: PHONE, ...AT } })]);
    await waitFor('the change', () => seen(commander).length > 1);
    await settle();
    const views = await viewsOf(ids.commander!);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ subjectId: teamA, field: 'map.crews', purpose: incident });
    expect(JSON.stringify(views)).not.toContain('106.43');
    expect(await viewsOf(ids.observer!)).toHaveLength(0);
  });

  const viewsOf = (actor: string) =>
    m.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actor, actor), eq(auditLog.action, 'personal.viewed')));

  it('marks exercise items, removes items from the rooms that saw them, and snapshots layers', async () => {
    const observer = await connect('observer', 'observer');
    const updates = record(observer, 'map:update');
    const drill = randomUUID();
    await putMapItems(m, [crew(drill, { exercise: true, incidentId: randomUUID() })]);
    await waitFor('the drill item', () => itemsOf(updates, drill).length > 0);
    expect(itemsOf(updates, drill)[0]!.exercise).toBe(true);

    await putMapItems(m, [{ layer: 'crews', id: drill, remove: true }]);
    await waitFor('the remove', () => itemsOf(updates, drill).some((i) => i.op === 'remove'));
    expect(itemsOf(updates, drill).at(-1)).toEqual({ id: drill, op: 'remove' });

    const snapshots = record(observer, 'sync:snapshot');
    observer.emit('map:subscribe', {});
    await waitFor('the snapshot', () => snapshots.length > 0);
    const snap = ZSyncSnapshot.parse(snapshots[0]);
    const crews = snap.layers?.find((l) => l.layer === 'crews')?.items ?? [];
    expect(crews.map((i) => i.id)).toContain(teamA);
    expect(crews.map((i) => i.id)).not.toContain(drill);
    expect(crews.find((i) => i.id === teamA)?.data).not.toHaveProperty('phone');
  });

  it('replays what a reconnecting client missed, removes included, projected for it now', async () => {
    const socket = gatewayClient(m, { token: tokens.observer! });
    const greeted = new Promise<unknown>((resolve) => socket.once('server:hello', resolve));
    await open(socket);
    const hello = ZServerHello.parse(await greeted);
    const updates = record(socket, 'map:update');
    const [kept, gone] = [randomUUID(), randomUUID()];
    await putMapItems(m, [crew(gone)]);
    await waitFor('the first item', () => itemsOf(updates, gone).length > 0);
    const lastSeq = updates.at(-1)!.seq;
    socket.close();

    await putMapItems(m, [crew(kept), { layer: 'crews', id: gone, remove: true }]);
    await settle();
    const back = await connect('observer', 'observer');
    const replays = record(back, 'sync:replay');
    back.emit('sync:resume', { epoch: hello.epoch, lastSeq });
    await waitFor('the replay', () => replays.length > 0);
    const r = ZSyncReplay.parse(replays[0]);
    const items = r.layers?.find((l) => l.layer === 'crews')?.items ?? [];
    expect(items.find((i) => i.id === gone)).toEqual({ id: gone, op: 'remove' });
    expect(items.find((i) => i.id === kept)?.data).toEqual({
      name: nameOf(kept),
      lon: 106.43,
      lat: 29.82,
    });
  });

  it('loads the layers from their sources at start, and forgets personal items of a closed incident', async () => {
    const closing = randomUUID();
    const team = randomUUID();
    await putMapItems(m, [crew(team, { incidentId: closing })]);
    const second = await startMuster(
      env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS, INSTANCE_ID: 'rt-2' }),
      { extraMapLayers: [tableLayerSource('crews', ZCrew)] },
    );
    try {
      const a = await createAccount(second.database.db, { role: 'duty_officer' });
      const s = await login(`http://127.0.0.1:${second.port}`, a.username, a.password);
      const socket = await open(gatewayClient(second, { token: s.bearer }));
      sockets.push(socket);
      const snapshots = record(socket, 'sync:snapshot');
      const updates = record(socket, 'map:update');
      socket.emit('map:subscribe', {});
      await waitFor('the snapshot', () => snapshots.length > 0);
      const ids0 = snapshots[0]!.layers?.flatMap((l) => l.items.map((i) => i.id)) ?? [];
      expect(ids0).toEqual(expect.arrayContaining([teamA, team]));

      await publishIncidentClosed(second, closing);
      await waitFor('the closure', () =>
        updates.some((u) => u.items.some((i) => i.id === team && i.op === 'remove')),
      );
    } finally {
      await second.stop();
    }
  });
});
