import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTeam } from '@muster/contracts';
import { movableClock } from '../../testing/clock.ts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { TEAMS, approvedTeam, issuePaths } from '../../testing/forces-registry.ts';
import { buildFiling } from '../../testing/forces.ts';

type Page = { items: (TTeam & { distanceKm?: number })[]; nextCursor: string | null };
const policy = (validFrom: string, validTo: string, insuredMemberIds?: string[]) => ({
  insurer: '平安',
  number: `P-${validFrom}-${insuredMemberIds?.length ?? 'all'}`,
  validFrom,
  validTo,
  ...(insuredMemberIds ? { insuredMemberIds } : {}),
});

describe('forces registry: search by capability, status, readiness, area and insurance', () => {
  const clock = movableClock(new Date('2026-06-30T02:00:00Z'));
  let w: ForcesWorld;
  const teams: Record<string, TTeam> = {};

  beforeAll(async () => {
    w = await startForcesWorld(
      {
        l1: { role: 'team_leader' },
        l2: { role: 'team_leader' },
        l3: { role: 'team_leader' },
        l4: { role: 'team_leader' },
        duty: { role: 'duty_officer' },
      },
      { clock },
    );
    // 北碚 (town centre), 缙云山 (~8 km west), 重庆主城 (~35 km south), one draft in 北碚.
    teams.beibei = (
      await approvedTeam(w, 'l1', {
        filing: {
          capabilities: ['water_rescue', 'first_aid'],
          base: { lon: 106.437, lat: 29.825, address: '北碚区天生街道' },
          insurance: [policy('2026-01-01', '2026-12-31')],
        },
      })
    ).team;
    teams.jinyun = (
      await approvedTeam(w, 'l2', {
        filing: {
          capabilities: ['mountain_rescue', 'first_aid'],
          base: { lon: 106.36, lat: 29.83, address: '北碚区缙云山' },
          insurance: [policy('2026-01-01', '2026-07-15')],
        },
      })
    ).team;
    teams.city = (
      await approvedTeam(w, 'l3', {
        filing: {
          capabilities: ['water_rescue'],
          base: { lon: 106.55, lat: 29.56, address: '渝中区' },
          insurance: [],
        },
      })
    ).team;
    teams.draft = (await w.as('l4', 'POST', TEAMS, buildFiling({ capabilities: ['water_rescue'] })))
      .body as TTeam;
  });
  afterAll(async () => {
    await w?.stop();
  });
  const search = async (who: string, body: object) => {
    const r = await w.as(who, 'POST', `${TEAMS}/search`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as Page;
  };
  const ids = (p: Page) => p.items.map((t) => t.id).sort();
  const of = (...names: string[]) => names.map((n) => teams[n]!.id).sort();

  it('filters by capabilities (all or any), status and readiness; the public sees approved only', async () => {
    expect(ids(await search('duty', { capabilities: ['water_rescue', 'first_aid'] }))).toEqual(
      of('beibei'),
    );
    expect(
      ids(
        await search('duty', {
          capabilities: ['water_rescue', 'mountain_rescue'],
          capabilityMatch: 'any',
        }),
      ),
    ).toEqual(of('beibei', 'jinyun', 'city', 'draft'));
    expect(ids(await search('public', { capabilities: ['water_rescue'] }))).toEqual(
      of('beibei', 'city'),
    );
    expect(ids(await search('duty', { statuses: ['draft'] }))).toEqual(of('draft'));
    expect(ids(await search('duty', { readiness: ['A', 'B'] }))).toEqual([]);
    expect((await search('duty', { readiness: ['C'] })).items).toHaveLength(4);
  });

  it('finds bases inside an outline and within a distance, nearest distances shown', async () => {
    const beibeiBox = {
      type: 'polygon',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [106.3, 29.7],
            [106.5, 29.7],
            [106.5, 29.9],
            [106.3, 29.9],
            [106.3, 29.7],
          ],
        ],
      },
    };
    expect(ids(await search('duty', { area: beibeiBox, statuses: ['approved'] }))).toEqual(
      of('beibei', 'jinyun'),
    );
    // A triangle whose bounding box holds 缙云山 but whose outline does not.
    const triangle = {
      type: 'polygon',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [106.3, 29.7],
            [106.5, 29.7],
            [106.5, 29.9],
            [106.3, 29.7],
          ],
        ],
      },
    };
    expect(ids(await search('duty', { area: triangle, statuses: ['approved'] }))).toEqual(
      of('beibei'),
    );
    const near = await search('duty', {
      area: { type: 'circle', center: { lon: 106.437, lat: 29.825 }, radiusKm: 10 },
      statuses: ['approved'],
    });
    expect(ids(near)).toEqual(of('beibei', 'jinyun'));
    const jinyun = near.items.find((t) => t.id === teams.jinyun!.id)!;
    expect(jinyun.distanceKm).toBeGreaterThan(7);
    expect(jinyun.distanceKm).toBeLessThan(8);
  });

  it('finds teams whose whole roll is insured on a day, agreeing with callable', async () => {
    expect(ids(await search('duty', { insuredOn: '2026-07-01', statuses: ['approved'] }))).toEqual(
      of('beibei', 'jinyun'),
    );
    expect(ids(await search('duty', { insuredOn: '2026-08-01', statuses: ['approved'] }))).toEqual(
      of('beibei'),
    );
    for (const t of (await search('duty', { statuses: ['approved'] })).items) {
      const insuredToday = t.callability.find((c) => c.code === 'insured_today')!.ok;
      const found = ids(await search('duty', { insuredOn: '2026-06-30', statuses: ['approved'] }));
      expect(found.includes(t.id)).toBe(insuredToday);
    }
  });

  it('counts a roll insured by several policies naming members, in SQL and in callable alike', async () => {
    await w.addAccount('l5', { role: 'team_leader' });
    const { team, members } = await approvedTeam(w, 'l5', {
      filing: { capabilities: ['drones'], insurance: [] },
      members: [{}, {}],
    });
    const [m1, m2] = members.map((m) => m.id);
    const insure = async (policies: object[]) => {
      const r = await w.as('l5', 'PUT', `${TEAMS}/${team.id}/insurance`, { insurance: policies });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const t = r.body as TTeam;
      const found = ids(
        await search('duty', { insuredOn: '2026-06-30', capabilities: ['drones'] }),
      );
      return {
        sql: found.includes(team.id),
        js: t.callability.find((c) => c.code === 'insured_today')!.ok,
      };
    };
    expect(await insure([policy('2026-01-01', '2026-12-31', [m1!])])).toEqual({
      sql: false,
      js: false,
    });
    expect(
      await insure([
        policy('2026-01-01', '2026-12-31', [m1!]),
        policy('2026-06-01', '2026-12-31', [m2!]),
      ]),
    ).toEqual({ sql: true, js: true });
    expect(
      await insure([
        policy('2026-01-01', '2026-12-31', [m1!]),
        policy('2026-07-01', '2026-12-31', [m2!]),
      ]),
    ).toEqual({ sql: false, js: false });
  });

  it('pages with a cursor and refuses a bad area with 400s naming the field', async () => {
    const first = await search('duty', {
      limit: 2,
      capabilities: ['drones'],
      capabilityMatch: 'any',
    });
    const all = await search('duty', { limit: 200 });
    const page1 = await search('duty', { limit: 3 });
    expect(page1.items).toHaveLength(3);
    const page2 = await search('duty', { limit: 3, cursor: page1.nextCursor });
    expect(page2.nextCursor).toBeNull();
    expect([...ids(page1), ...ids(page2)].sort()).toEqual(ids(all));
    expect(first.nextCursor).toBeNull();
    const bad = await w.as('duty', 'POST', `${TEAMS}/search`, {
      area: {
        type: 'polygon',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [106, 29],
              [107, 29],
              [107, 30],
            ],
          ],
        },
      },
      insuredOn: '2026-13-01',
      readiness: ['D'],
    });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad.body)).toEqual(
      expect.arrayContaining([
        'body.area.geometry.coordinates.0',
        'body.insuredOn',
        'body.readiness.0',
      ]),
    );
    const far = await w.as('duty', 'POST', `${TEAMS}/search`, {
      area: { type: 'circle', center: { lon: 200, lat: 29 }, radiusKm: 0 },
    });
    expect(issuePaths(far.body)).toEqual(
      expect.arrayContaining(['body.area.center.lon', 'body.area.radiusKm']),
    );
  });
});
