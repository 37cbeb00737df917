import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZTeam } from '@muster/contracts';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../backend/src/testing/accounts.ts';
import { approvedTeam, reportIncident } from '../../backend/src/testing/callups.ts';
import { startForcesWorld, type ForcesWorld } from '../../backend/src/testing/forces-world.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  artifactPath,
  buildFrontend,
  requireChromium,
  signIn,
} from '../support/browser.ts';

/**
 * A call-up from the duty console in a real Chromium: the matching preview says why the team is
 * in, the order goes out, and the team leader's acceptance changes the acceptance board live.
 */
describe('call-ups from the duty console', () => {
  let w: ForcesWorld;
  let browser: Browser;
  let base: string;
  const dist = mkdtempSync(path.join(tmpdir(), 'muster-dist-'));

  beforeAll(async () => {
    requireChromium();
    buildFrontend(dist);
    w = await startForcesWorld(
      { duty: { role: 'duty_officer' }, commander: { role: 'commander' } },
      { config: { FRONTEND_DIST: dist } },
    );
    base = `http://127.0.0.1:${w.m.port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await w?.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('previews the matching with reasons, orders, and shows the acceptance live', async () => {
    const incidentId = await reportIncident(w, { commander: 'commander' });
    const team = await approvedTeam(w, 'leader');
    const teamName = ZTeam.parse(
      (await w.as('duty', 'GET', `/api/forces/teams/${team.id}`)).body,
    ).name;
    const officer = await createAccount(w.m.database.db, { role: 'duty_officer' });

    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
    });
    const page = await ctx.newPage();
    try {
      await page.goto(`${base}/`);
      await signIn(page, officer);
      await page
        .getByRole('navigation', { name: '值班台分区' })
        .getByRole('link', { name: '力量调用' })
        .click();
      await page.getByRole('heading', { level: 1, name: '力量调用' }).waitFor();
      await page.getByRole('button', { name: '发起调用' }).click();
      const incident = page.getByLabel('突发事件', { exact: true });
      await expect
        .poll(async () => (await incident.locator('option').allInnerTexts()).length)
        .toBeGreaterThan(1);
      await incident.selectOption({ value: incidentId });
      await page.getByLabel('能力（第 1 项）').selectOption('water_rescue');
      await page.getByRole('button', { name: '预览匹配' }).click();

      const card = page.locator('.console-card', { hasText: teamName });
      await card.getByText('入选', { exact: true }).waitFor();
      await card.getByText('保险覆盖整个调用时段').waitFor();
      await card.getByText('具备所需能力').waitFor();
      expect(await card.locator('.reason-bad').count()).toBe(0);
      await page.screenshot({ path: artifactPath('console-callup-preview.png'), fullPage: true });

      await page.getByLabel('集结地点').fill('北碚区天生街道集结点');
      await page.getByLabel('任务', { exact: true }).fill('转移嘉陵江沿岸被困群众');
      await page.getByRole('button', { name: '下达调用' }).click();
      await page.getByRole('heading', { level: 1, name: /^调用：/ }).waitFor();
      const callupId = new URL(page.url()).pathname.split('/').at(-1)!;

      await page.getByRole('button', { name: '通知最佳候选队伍' }).click();
      const row = page.locator(`tr[data-team-id="${team.id}"]`);
      await row.getByText('待应答').waitFor();
      await page.locator('.connection[data-status="live"]').waitFor({ timeout: 20_000 });

      // The leader accepts elsewhere; the board changes without a reload of the page.
      const navigations: string[] = [];
      page.on('framenavigated', (f) => navigations.push(f.url()));
      const answered = await w.as(
        'leader',
        'POST',
        `/api/forces/callups/${callupId}/teams/${team.id}/answer`,
        { answer: 'accept', people: 5 },
      );
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      // Well inside the board's 30 s fetch: the live row did it.
      await page.locator(`tr[data-team-id="${team.id}"][data-status="accepted"]`).waitFor({
        timeout: 5_000,
      });
      await row.getByText('已接受').waitFor();
      expect(navigations).toEqual([]);
      await page.screenshot({ path: artifactPath('console-callup-board.png'), fullPage: true });
    } finally {
      await ctx.close();
    }
  }, 150_000);
});
