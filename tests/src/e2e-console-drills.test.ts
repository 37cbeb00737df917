import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZDrillRunDetail, ZDrillRunList, ZScenarioList } from '@muster/contracts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMuster, type Muster } from '../../backend/src/app.ts';
import {
  cookieHeaders,
  createAccount,
  login,
  type LoggedIn,
} from '../../backend/src/testing/accounts.ts';
import { createTestEnv, type TestEnv } from '../../backend/src/testing/env.ts';
import { seedDrillScenarios } from '../../backend/src/modules/drills/index.ts';
import { seedResponseDemo } from '../../backend/src/modules/response/index.ts';
import { systemClock } from '../../backend/src/platform/clock.ts';
import { seedDemoDistrict } from '../../backend/src/platform/geo/seed.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  artifactPath,
  buildFrontend,
  requireChromium,
  signIn,
} from '../support/browser.ts';

/**
 * The console's 演练 page in a real Chromium against the whole backend: a duty officer starts the
 * seeded flood scenario at ×60 from the page, watches its simulated clock run, stops it, and the
 * server holds the run stopped with its report reachable.
 */
describe('drills from the duty console in the browser', () => {
  let env: TestEnv;
  let m: Muster;
  let browser: Browser;
  let base: string;
  const dist = mkdtempSync(path.join(tmpdir(), 'muster-dist-'));

  beforeAll(async () => {
    requireChromium();
    buildFrontend(dist);
    env = await createTestEnv();
    m = await startMuster(env.config({ FRONTEND_DIST: dist, SWEEP_EVERY_MS: '1000' }));
    base = `http://127.0.0.1:${m.port}`;
    // The district, its flood plan and the demo scenario: what a drill of the flood rests on.
    await seedDemoDistrict(m.database.db);
    await seedResponseDemo({
      db: m.database.db,
      clock: systemClock,
      outbox: m.outbox,
      audit: m.audit,
    });
    await seedDrillScenarios({ db: m.database.db, clock: systemClock });
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

  const api = async (session: LoggedIn, url: string) =>
    (await fetch(`${base}${url}`, { headers: cookieHeaders(session) })).json();

  /** The simulated clock the run's card shows. */
  const clockOf = async (page: Page, name: string) =>
    page
      .getByRole('list', { name: '演练记录' })
      .getByRole('listitem', { name })
      .locator('time.drill-clock')
      .getAttribute('datetime');

  it('a duty officer starts the seeded flood at ×60, sees it run, stops it; the admin removes its data', async () => {
    const duty = await createAccount(m.database.db, {
      role: 'duty_officer',
      displayName: '演练值班员',
    });
    const session = await login(base, duty.username, duty.password);
    const [scenario] = ZScenarioList.parse(await api(session, '/api/drills/scenarios')).items;
    expect(scenario, 'the seeded scenario').toBeDefined();
    const name = scenario!.name;

    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale: 'zh-CN',
    });
    const page = await ctx.newPage();
    try {
      await page.goto(`${base}/`);
      await signIn(page, duty);
      const sections = page.getByRole('navigation', { name: '值班台分区' });
      // Keyboard: the section link follows Enter.
      await sections.getByRole('link', { name: '演练' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: '演练' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/drills');
      await page.getByText('尚未开展演练。').waitFor();
      expect(await page.locator('.notice-error').count()).toBe(0);

      // A speed above the contract's limit is refused under the field, before any request.
      const open = page.getByRole('button', { name: `开始演练：${name}` });
      expect(await open.getAttribute('aria-expanded')).toBe('false');
      await open.click();
      const cancel = page.getByRole('button', { name: '取消' });
      expect(await cancel.getAttribute('aria-expanded')).toBe('true');
      const form = page.getByRole('form', { name: `开始演练：${name}` });
      const speed = form.getByLabel('倍速');
      await speed.fill('6000');
      await form.getByRole('button', { name: '开始演练' }).click();
      await form.getByText('倍速不超过 600').waitFor();
      expect(ZDrillRunList.parse(await api(session, '/api/drills/runs')).items).toHaveLength(0);

      await speed.fill('60');
      await form.getByRole('button', { name: '开始演练' }).click();
      const runs = page.getByRole('list', { name: '演练记录' });
      const card = runs.getByRole('listitem', { name });
      await card.getByText('进行中').waitFor({ timeout: 15_000 });
      await card.getByText('×60').waitFor();
      await card.getByText('演练值班员').waitFor();

      // The simulated clock runs on the page (about a simulated minute each real second).
      const first = await clockOf(page, name);
      await expect
        .poll(() => clockOf(page, name), { timeout: 10_000, interval: 250 })
        .not.toBe(first);
      const second = await clockOf(page, name);
      expect(Date.parse(second!)).toBeGreaterThan(Date.parse(first!));
      await page.screenshot({ path: artifactPath('console-drill-running.png'), fullPage: true });

      await card.getByRole('button', { name: `结束演练：${name}` }).click();
      await card.getByText('已结束').waitFor({ timeout: 15_000 });
      await card.getByRole('link', { name: '评估报告（PDF）' }).waitFor();
      const report = card.getByRole('link', { name: '评估报告', exact: true });
      const href = await report.getAttribute('href');
      expect(href).toMatch(/^\/api\/drills\/runs\/[0-9a-f-]{36}\/report\.html$/);
      // A duty officer does not remove drills' data (the admin does).
      expect(await card.getByRole('button', { name: '清除演练数据' }).count()).toBe(0);
      await page.screenshot({ path: artifactPath('console-drill-stopped.png'), fullPage: true });

      // The server holds it stopped, with its clock still, started by this officer.
      const [listed] = ZDrillRunList.parse(await api(session, '/api/drills/runs')).items;
      const run = ZDrillRunDetail.parse(await api(session, `/api/drills/runs/${listed!.id}`));
      expect(run.status).toBe('stopped');
      expect(run.speed).toBe(60);
      expect(run.startedBy?.name).toBe('演练值班员');
      expect(run.finishedAt).not.toBeNull();
      await new Promise((r) => setTimeout(r, 1500));
      const later = ZDrillRunDetail.parse(await api(session, `/api/drills/runs/${run.id}`));
      expect(later.simNow).toBe(run.simNow);
      expect(later.log.length).toBe(run.log.length);
      const html = await fetch(`${base}${href}`, { headers: cookieHeaders(session) });
      expect(html.status).toBe(200);

      // English on the switch: the same page, every label translated.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Drills' }).waitFor();
      const en = page.getByRole('list', { name: 'Runs' }).getByRole('listitem', { name });
      await en.getByText('Stopped').waitFor();
      await en.getByRole('link', { name: 'After-action report (PDF)' }).waitFor();
    } finally {
      await ctx.close();
    }

    // The admin removes the stopped drill's data, after a confirmation; the run and report stay.
    const admin = await createAccount(m.database.db, { role: 'admin', displayName: '演练管理员' });
    const adminCtx = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale: 'zh-CN',
    });
    const ap = await adminCtx.newPage();
    try {
      await ap.goto(`${base}/`);
      await signIn(ap, admin);
      await ap.getByRole('link', { name: '值班台' }).click();
      await ap
        .getByRole('navigation', { name: '值班台分区' })
        .getByRole('link', { name: '演练' })
        .click();
      await ap.getByRole('heading', { level: 1, name: '演练' }).waitFor();
      const card = ap.getByRole('list', { name: '演练记录' }).getByRole('listitem', { name });
      await card.getByRole('button', { name: '清除演练数据' }).click();
      const confirm = card.getByRole('alertdialog');
      await confirm.getByText('此操作不可撤销').waitFor();
      await confirm.getByRole('button', { name: '确认清除' }).click();
      await card.getByText('数据已清除').waitFor({ timeout: 15_000 });
      expect(await card.getByRole('button', { name: '清除演练数据' }).count()).toBe(0);
      const [removed] = ZDrillRunList.parse(await api(session, '/api/drills/runs')).items;
      expect(removed!.status).toBe('stopped');
      expect(removed!.removedAt).not.toBeNull();
    } finally {
      await adminCtx.close();
    }
  }, 180_000);
});
