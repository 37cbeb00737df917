import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Debian's Chromium: Playwright's own browser download cannot reach this network. */
export const CHROMIUM = '/usr/bin/chromium';
/**
 * As root in a container: no sandbox, no GPU; and no background networking, whose connections a
 * closed network refuses by the dozen at every start.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Throws with the install command when Debian's Chromium is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: the end-to-end tests drive Debian's Chromium. ` +
        'Install it with `apt-get update && apt-get install -y chromium`.',
    );
}

/** Builds the frontend into a folder of its own, so the test serves the sources under test. */
export function buildFrontend(outDir: string): void {
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const res = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: path.join(ROOT, 'frontend'), encoding: 'utf8' },
  );
  if (res.status !== 0)
    throw new Error(`frontend build failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
}

/** Fills the sign-in form (Chinese labels: the default language) and submits it. */
export async function signIn(page: Page, a: { username: string; password: string }): Promise<void> {
  await page.getByLabel('用户名').fill(a.username);
  await page.getByLabel('密码').fill(a.password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Where screenshots of the browser tests are kept (git-ignored): `tests/artifacts/`. */
export function artifactPath(name: string): string {
  const dir = path.join(ROOT, 'tests', 'artifacts');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/**
 * Opens the command map in a browser context of its own (cookies are not shared between
 * accounts), signed in as the account, once its live connection is up; records every Socket.IO
 * frame the page receives, for checks on the wire. Closing the page closes its context.
 */
export async function openMapAs(
  browser: Browser,
  base: string,
  a: { username: string; password: string },
): Promise<{ page: Page; frames: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  // Its context goes with the page (a failure here only means it is gone already).
  page.on('close', () => void ctx.close().catch(() => undefined));
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  await page.goto(`${base}/`);
  await signIn(page, a);
  await page.locator('.connection[data-status="live"]').waitFor({ timeout: 20_000 });
  if (new URL(page.url()).pathname !== '/map') await page.goto(`${base}/map`);
  await page.getByTestId('command-map').waitFor();
  await page.locator('.connection[data-status="live"]').waitFor({ timeout: 20_000 });
  return { page, frames };
}
