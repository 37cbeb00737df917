import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMuster, type Muster } from '../../backend/src/app.ts';
import { createAccount } from '../../backend/src/testing/accounts.ts';
import { createTestEnv, type TestEnv } from '../../backend/src/testing/env.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  buildFrontend,
  requireChromium,
  signIn,
} from '../support/browser.ts';

/**
 * The sign-in path in a real Chromium against the whole backend: the admin signs in, sees the
 * system status and the live connection, signs out; an observer signs in and is kept from the
 * status page.
 */
describe('sign-in in the browser', () => {
  let env: TestEnv;
  let m: Muster;
  let ctx: BrowserContext;
  let base: string;
  const dist = mkdtempSync(path.join(tmpdir(), 'muster-dist-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'muster-chromium-'));

  beforeAll(async () => {
    requireChromium();
    buildFrontend(dist);
    env = await createTestEnv();
    m = await startMuster(env.config({ FRONTEND_DIST: dist }));
    base = `http://127.0.0.1:${m.port}`;
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
    await m?.stop();
    await env?.cleanup();
    rmSync(dist, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it('signs the admin in to the status page and the live connection, then out', async () => {
    const admin = await createAccount(m.database.db, { role: 'admin', displayName: '王测试' });
    const page = await ctx.newPage();
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    try {
      await page.goto(`${base}/`);
      await page.getByRole('heading', { name: '登录' }).waitFor();

      await signIn(page, { ...admin, password: 'not-the-password' });
      await page.getByRole('alert').getByText('用户名或密码不正确', { exact: false }).waitFor();

      await signIn(page, admin);
      await page.getByRole('heading', { name: '系统状态' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/status');
      // The status endpoint answered (no 401) and the socket opened with the cookie.
      await page.getByText('服务实例').waitFor();
      await page.locator('.connection[data-status="live"]').waitFor({ timeout: 20_000 });
      expect(sent.some((f) => f.includes('"map:subscribe"'))).toBe(true);
      const who = await page.locator('.account-who').innerText();
      expect(who).toContain('王测试');
      expect(who).toContain('系统管理员');

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByText('您已退出登录。').waitFor();
      const status = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
      expect(status).toBe(401);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('keeps an observer from the system status page', async () => {
    const observer = await createAccount(m.database.db, { role: 'observer' });
    const page = await ctx.newPage();
    try {
      await page.goto(`${base}/`);
      await signIn(page, observer);
      // `/` takes an observer to the command map, whose navigation has no status link.
      await page.getByRole('heading', { name: '指挥地图' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/map');
      const nav = page.getByRole('navigation', { name: '主导航' });
      expect(await nav.getByRole('link').count()).toBe(1);
      await page.locator('.connection[data-status="live"]').waitFor({ timeout: 20_000 });

      await page.goto(`${base}/status`);
      await page.getByRole('heading', { name: '无权访问' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('观察员');
    } finally {
      await page.close();
    }
  }, 90_000);
});
