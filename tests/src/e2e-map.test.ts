import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@muster/contracts';
import { startMuster, type Muster } from '../../backend/src/app.ts';
import { grants } from '../../backend/src/platform/access/grants.ts';
import { createAccount } from '../../backend/src/testing/accounts.ts';
import { createTestEnv, type TestEnv } from '../../backend/src/testing/env.ts';
import { installMapItemsTable, putMapItems } from '../../backend/src/testing/map-layers.ts';
import { publishPosition } from '../../backend/src/testing/realtime.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  artifactPath,
  buildFrontend,
  openMapAs,
  requireChromium,
} from '../support/browser.ts';
import {
  availableTeams,
  incidentItem,
  mapTestSources,
  placeItems,
  teamItem,
  warningItem,
} from '../support/map-seed.ts';

const PHONE = '13912345678';
const EXACT = { lon: 106.42137, lat: 29.85419 };

/**
 * The command map in a real Chromium against the whole backend, with every layer fed by test
 * layer sources (real events through the outbox) and tiles pointed at an address that refuses
 * connections, as on this machine without internet.
 */
describe('the command map in the browser', () => {
  let env: TestEnv;
  let m: Muster;
  let browser: Browser;
  let base: string;
  const dist = mkdtempSync(path.join(tmpdir(), 'muster-dist-'));
  const incident = incidentItem();
  const incidentId = incident.id;
  const [teamA, teamB] = [randomUUID(), randomUUID()];

  /** Opens the map signed in as a new account of the role; records the socket's frames. */
  async function openMap(role: Role): Promise<{ page: Page; frames: string[] }> {
    return openMapAs(browser, base, await createAccount(m.database.db, { role }));
  }

  beforeAll(async () => {
    requireChromium();
    buildFrontend(dist);
    env = await createTestEnv();
    await installMapItemsTable(env.databaseUrl);
    m = await startMuster(
      env.config({
        FRONTEND_DIST: dist,
        // Port 9 (discard) refuses at once: the tile server is unreachable.
        MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
        REALTIME_TICK_MS: '50',
      }),
      { extraMapLayers: mapTestSources() },
    );
    base = `http://127.0.0.1:${m.port}`;
    const at = new Date();
    await grants.grant(m.database.db, { kind: 'deployment', incidentId, teamId: teamA, at });
    await m.realtime!.refreshAccess();
    await putMapItems(m, [
      warningItem(),
      warningItem({
        level: 'blue',
        headline: '北碚区暴雨蓝色预警',
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [106.5, 29.86],
              [106.62, 29.86],
              [106.64, 29.98],
              [106.55, 30.02],
              [106.5, 29.86],
            ],
          ],
        },
      }),
      incident,
      teamItem({
        teamId: teamA,
        name: '北碚蓝天救援队',
        status: 'on_scene',
        incidentId,
        contactPhone: PHONE,
        people: 12,
      }),
      teamItem({ teamId: teamB, name: '澄江应急分队', status: 'en_route', incidentId, people: 6 }),
      ...placeItems(incidentId),
      ...availableTeams(60),
    ]);
    for (let i = 0; i < 6; i++) {
      const d = (5 - i) * 0.0012;
      await publishPosition(m, {
        teamId: teamA,
        incidentId,
        lon: EXACT.lon + d,
        lat: EXACT.lat - d,
        accuracyM: 8,
      });
      await publishPosition(m, { teamId: teamB, incidentId, lon: 106.432 - d, lat: 29.872 + d });
      await new Promise((r) => setTimeout(r, 80));
    }
    await publishPosition(m, { teamId: teamA, incidentId, ...EXACT, accuracyM: 8 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await m?.stop();
    await env?.cleanup();
    rmSync(dist, { recursive: true, force: true });
  });

  it('draws the offline basemap of Beibei when no tile can be fetched', async () => {
    const { page } = await openMap('observer');
    try {
      await page.locator('[data-tiles="offline"]').waitFor({ timeout: 20_000 });
      await page.getByTestId('offline-basemap').getByText('离线示意底图').waitFor();
      for (const place of ['天生街道', '北温泉街道', '金刀峡镇'])
        await page.getByText(place, { exact: true }).waitFor();
      // The district and the river are drawn: the offline pane's canvas is not blank.
      // (A string: the tests are compiled without the DOM's types.)
      const painted = await page.evaluate(`(() => {
        const canvas = document.querySelector('.leaflet-offline-basemap-pane canvas');
        if (!canvas) return 0;
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4 * 97) if (data[i] > 0) n++;
        return n;
      })()`);
      expect(painted).toBeGreaterThan(100);
      await page.screenshot({ path: artifactPath('map-offline-basemap.png') });
    } finally {
      await page.close();
    }
  }, 90_000);

  it('shows live layer changes on a signed-in map as they happen, and the details as projected', async () => {
    const { page } = await openMap('duty_officer');
    try {
      await page.getByRole('button', { name: '北温泉片区山洪' }).waitFor();
      const late = warningItem({ level: 'red', headline: '观音峡段红色预警（测试）' });
      const sent = Date.now();
      await putMapItems(m, [late]);
      await page
        .getByRole('button', { name: '观音峡段红色预警（测试）' })
        .waitFor({ timeout: 5_000 });
      expect(Date.now() - sent).toBeLessThan(5_000);

      await page.getByRole('button', { name: '北碚蓝天救援队' }).click();
      const panel = page.locator('.item-panel');
      await panel.getByText('现场处置').waitFor();
      // A duty officer sees contacts whole; the map's focus is not on the incident: position coarse.
      await panel.getByText(PHONE).waitFor();

      await putMapItems(m, [{ layer: 'warnings', id: late.id, remove: true }]);
      await page.getByRole('button', { name: '返回列表' }).click();
      await page
        .getByRole('button', { name: '观音峡段红色预警（测试）' })
        .waitFor({ state: 'detached' });
    } finally {
      await page.close();
    }
  }, 90_000);

  it('sends a department no personal contact and only coarse team positions, on the wire', async () => {
    const admin = await openMap('admin');
    const dept = await openMap('department');
    try {
      await dept.page.getByRole('button', { name: '北碚蓝天救援队' }).waitFor();
      await publishPosition(m, { teamId: teamA, incidentId, ...EXACT, accuracyM: 8 });
      const heard = (frames: string[]) =>
        frames.some((f) => f.includes(teamA) && f.includes('"positions"'));
      await expect.poll(() => heard(dept.frames), { timeout: 10_000 }).toBe(true);
      await expect
        .poll(() => admin.frames.some((f) => f.includes(String(EXACT.lon))), { timeout: 10_000 })
        .toBe(true);

      // The admin's socket carries what the department's must not: the check can fail.
      expect(admin.frames.some((f) => f.includes(PHONE))).toBe(true);
      const wire = dept.frames.join('\n');
      expect(wire).not.toContain(PHONE);
      expect(wire).not.toContain('contactPhone');
      expect(wire).not.toContain(String(EXACT.lon));
      expect(wire).not.toContain(String(EXACT.lat));
      expect(wire).not.toContain('"precision":"exact"');
      expect(wire).toContain('"precision":"coarse"');
      expect(wire).not.toContain('挖掘机');
    } finally {
      await admin.page.close();
      await dept.page.close();
    }
  }, 90_000);

  it('shows the 演练 banner and watermark while a drill item is on the map', async () => {
    const { page } = await openMap('commander');
    try {
      await page.getByRole('button', { name: '北温泉片区山洪' }).waitFor();
      expect(await page.getByTestId('exercise-banner').count()).toBe(0);
      const drill = incidentItem({
        title: '演练：澄江镇山体滑坡',
        location: { lon: 106.41, lat: 29.89 },
      });
      await putMapItems(m, [{ ...drill, exercise: true }]);
      await page.getByTestId('exercise-banner').waitFor({ timeout: 5_000 });
      expect(await page.getByTestId('exercise-banner').innerText()).toContain('演练');
      await page.locator('.exercise-watermark').waitFor();
      await page.screenshot({ path: artifactPath('map-exercise.png') });
      await putMapItems(m, [{ layer: 'incidents', id: drill.id, remove: true }]);
      await page.getByTestId('exercise-banner').waitFor({ state: 'detached', timeout: 5_000 });
    } finally {
      await page.close();
    }
  }, 90_000);

  it('draws every layer for the admin (the screenshot of the README)', async () => {
    const { page } = await openMap('admin');
    try {
      await page.getByRole('button', { name: '挖掘机 1 台' }).waitFor();
      await page.locator('[data-tiles="offline"]').waitFor({ timeout: 20_000 });
      await page.locator('.incident-marker').first().waitFor();
      // Available teams: clusters or single dots, by the zoom the district fits at.
      await page.waitForTimeout(1_000);
      await page.screenshot({ path: artifactPath('command-map.png') });
    } finally {
      await page.close();
    }
  }, 90_000);
});
