import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZIncident, type Role, type TWarning } from '@muster/contracts';
import { systemClock } from '../../backend/src/platform/clock.ts';
import { seedDemoDistrict } from '../../backend/src/platform/geo/seed.ts';
import { seedResponseDemo } from '../../backend/src/modules/response/index.ts';
import { createAccount, type TestAccount } from '../../backend/src/testing/accounts.ts';
import {
  approvedTeam,
  dispatchedCallup,
  RALLY,
  type ApprovedTeam,
} from '../../backend/src/testing/callups.ts';
import { startForcesWorld, type ForcesWorld } from '../../backend/src/testing/forces-world.ts';
import { buildWarning } from '../../backend/src/testing/monitoring.ts';
import { waitFor } from '../../backend/src/testing/processes.ts';
import { buildActivation, buildIncident } from '../../backend/src/testing/response-world.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  artifactPath,
  buildFrontend,
  openMapAs,
  requireChromium,
} from '../support/browser.ts';

const W = '/api/monitoring/warnings';
/** Where the deployed team's member reports from: digits a coarse position never carries. */
const EXACT = { lon: 106.42137, lat: 29.85419 };

/**
 * The command map against the whole backend with the modules' own layer sources (no test
 * sources): records made through the HTTP API reach maps open in other browser contexts, live,
 * each as the personal-information policy projects it for its viewer.
 */
describe('the command map fed by the modules, in the browser', () => {
  let w: ForcesWorld;
  let browser: Browser;
  let base: string;
  let commander: TestAccount;
  let incidentId: string;
  let team: ApprovedTeam;
  let phone: string;
  const dist = mkdtempSync(path.join(tmpdir(), 'muster-dist-'));

  const openMap = (a: TestAccount) => openMapAs(browser, base, a);
  const account = (role: Role, o: { departmentId?: string } = {}) =>
    createAccount(w.m.database.db, { role, ...o });
  const act = (who: string, c: string, what: string, body: unknown = {}) =>
    w.as(who, 'POST', `/api/forces/callups/${c}/teams/${team.id}/${what}`, body);

  beforeAll(async () => {
    requireChromium();
    buildFrontend(dist);
    w = await startForcesWorld(
      { duty: { role: 'duty_officer' }, duty2: { role: 'duty_officer' } },
      {
        config: {
          FRONTEND_DIST: dist,
          // Port 9 (discard) refuses at once: the tile server is unreachable.
          MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
          REALTIME_TICK_MS: '50',
          REALTIME_ACCESS_POLL_MS: '200',
        },
      },
    );
    const db = w.m.database.db;
    await seedDemoDistrict(db);
    await seedResponseDemo({ db, clock: systemClock, outbox: w.m.outbox, audit: w.m.audit });
    base = `http://127.0.0.1:${w.m.port}`;

    // An incident reported and its response level activated through the API, under the
    // commander who will watch the map.
    commander = await account('commander');
    const inc = ZIncident.parse(
      (
        await w.as(
          'duty',
          'POST',
          '/api/response/incidents',
          buildIncident({
            title: '北温泉片区山洪',
            awareAt: new Date(Date.now() - 600_000).toISOString(),
            location: { lon: 106.418, lat: 29.852 },
          }),
        )
      ).body,
    );
    incidentId = inc.id;
    const activated = await w.as(
      'duty',
      'POST',
      `/api/response/incidents/${incidentId}/activate`,
      buildActivation(commander.id, { level: 'III' }),
    );
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    await waitFor('the forces module to know the incident and its commander', async () => {
      const [row] = await db.execute<{ ok: boolean }>(
        sql`select commander_account_id = ${commander.id}::uuid as ok from forces_incidents
            where id = ${incidentId}`,
      );
      return row?.ok === true;
    });

    // A team in the registry, with a member who signs in to report positions.
    team = await approvedTeam(w, 'lead', {
      filing: { name: '北碚蓝天救援队', base: { ...RALLY, lon: RALLY.lon + 0.02 } },
    });
    await w.addAccount('member', { role: 'team_member', teamId: team.id });
    await db.execute(
      sql`update forces_members set account_id = ${w.ids.get('member')!}
          where id = ${team.memberIds[0]!}`,
    );
    const [t] = await db.execute<{ leader_phone: string }>(
      sql`select leader_phone from forces_teams where id = ${team.id}`,
    );
    phone = t!.leader_phone;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await w?.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('shows a warning a duty officer issued (proposed, approved by a second officer) on a commander’s map within 1 s', async () => {
    const { page } = await openMap(commander);
    try {
      await page.getByRole('button', { name: '北温泉片区山洪' }).waitFor({ timeout: 10_000 });
      const headline = '北碚区暴雨橙色预警（联调）';
      const draft = (
        await w.as('duty', 'POST', W, buildWarning(new Date(), { level: 'orange', headline }))
      ).body as TWarning;
      expect((await w.as('duty', 'POST', `${W}/${draft.id}/submit`)).status).toBe(200);
      const sent = performance.now();
      const issued = await w.as('duty2', 'POST', `${W}/${draft.id}/approve`);
      expect((issued.body as TWarning).status).toBe('issued');
      await page.getByRole('button', { name: headline }).waitFor({ timeout: 5_000 });
      const ms = performance.now() - sent;
      process.stdout.write(`warning issued → on the commander's map: ${Math.round(ms)} ms\n`);
      expect(ms).toBeLessThan(1_000);
      await page.screenshot({ path: artifactPath('command-map-warning.png') });
    } finally {
      await page.close();
    }
  }, 120_000);

  it('changes the commander’s call-up board live when the team leader accepts', async () => {
    const { page } = await openMap(commander);
    try {
      const callupId = await dispatchedCallup(w, incidentId, team.id, RALLY);
      const row = page.locator(`[data-testid="callup-row"][data-team="${team.id}"]`);
      await row.and(page.locator('[data-status="alerted"]')).waitFor({ timeout: 10_000 });
      await row.getByText('待应答').waitFor();

      expect((await act('lead', callupId, 'answer', { answer: 'accept', people: 4 })).status).toBe(
        200,
      );
      await row.and(page.locator('[data-status="accepted"]')).waitFor({ timeout: 5_000 });
      await row.getByText('已接受 · 4 人').waitFor();
      expect(await row.locator('th').innerText()).toBe('北碚蓝天救援队');
      await page.screenshot({ path: artifactPath('command-map-board.png') });

      expect((await act('lead', callupId, 'check-in')).status).toBe(200);
      await row.and(page.locator('[data-deployment="on_scene"]')).waitFor({ timeout: 5_000 });
    } finally {
      await page.close();
    }
  }, 120_000);

  it('sends a department no personal contact and only coarse team positions, on the wire', async () => {
    const cmd = await openMap(commander);
    const dept = await openMap(await account('department', { departmentId: 'water' }));
    try {
      await dept.page.getByRole('button', { name: '北碚蓝天救援队' }).waitFor({ timeout: 10_000 });
      const reported = await w.as('member', 'POST', '/api/forces/positions', {
        ...EXACT,
        accuracyM: 8,
        reportedAt: new Date().toISOString(),
      });
      expect(reported.body).toEqual({ outcome: 'accepted', incidentId });
      // The team's coarse position itself, not a snapshot that merely names the team.
      const heard = (frames: string[]) =>
        frames.some((f) => f.includes(team.id) && f.includes('"precision":"coarse"'));
      await expect.poll(() => heard(dept.frames), { timeout: 10_000 }).toBe(true);
      await expect
        .poll(() => cmd.frames.some((f) => f.includes(String(EXACT.lon))), { timeout: 10_000 })
        .toBe(true);

      // The commander of the incident gets what the department must not: the check can fail.
      expect(cmd.frames.some((f) => f.includes(phone))).toBe(true);
      expect(cmd.frames.some((f) => f.includes('"layer":"callups"'))).toBe(true);
      const wire = dept.frames.join('\n');
      expect(wire).toContain(team.id);
      expect(wire).not.toContain(phone);
      expect(wire).not.toContain('contactPhone');
      expect(wire).not.toContain(String(EXACT.lon));
      expect(wire).not.toContain(String(EXACT.lat));
      expect(wire).not.toContain('"precision":"exact"');
      expect(wire).toContain('"precision":"coarse"');
      expect(wire).not.toContain('"layer":"callups"');

      await dept.page.getByRole('button', { name: '北碚蓝天救援队' }).click();
      await dept.page.locator('.item-panel').getByText('北碚蓝天救援队').first().waitFor();
      await dept.page.screenshot({ path: artifactPath('command-map-department.png') });
    } finally {
      await cmd.page.close();
      await dept.page.close();
    }
  }, 120_000);
});
