import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZCallup, type TCallup, type TMatchResult, type TWarning } from '@muster/contracts';
import { createPasswordHasher } from '../../backend/src/platform/access/passwords.ts';
import { approvedTeam, buildCallup, reportIncident } from '../../backend/src/testing/callups.ts';
import { startForcesWorld, type ForcesWorld } from '../../backend/src/testing/forces-world.ts';
import { buildCreditCode, buildIdNumber, buildMobile } from '../../backend/src/testing/forces.ts';
import { buildWarning } from '../../backend/src/testing/monitoring.ts';
import { waitFor } from '../../backend/src/testing/processes.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  artifactPath,
  buildFrontend,
  requireChromium,
  signIn,
} from '../support/browser.ts';

/** A phone: what a team member carries to a rally point. */
const PHONE_VIEWPORT: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
};
const WARNINGS = '/api/monitoring/warnings';
/** A calendar day in China time, `n` days from today (as certificates and policies are dated). */
const chinaDay = (n: number) =>
  new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The team portal and the public warnings page in a real Chromium against the whole backend:
 * a leader answers a call-up alert that arrives over the live connection, a team on a phone
 * answers an exercise call-up, checks in and shares its position, and anyone reads the warnings
 * in force without signing in — never an exercise.
 */
describe('the team portal and the public page in the browser', () => {
  let w: ForcesWorld;
  let browser: Browser;
  let base: string;
  const dist = mkdtempSync(path.join(tmpdir(), 'muster-dist-'));
  const hasher = createPasswordHasher({ memoryKib: 1024 });
  /** The team deployed by the first test: no other team's socket may hear of it. */
  let deployedTeam = '';

  /** A password the browser can type for a world account (the world keeps its own to itself). */
  async function credentials(name: string): Promise<{ username: string; password: string }> {
    const password = `pw-${randomUUID()}`;
    const hash = await hasher.hash(password);
    const [row] = await w.m.database.sql<{ username: string }[]>`
      update accounts set password_hash = ${hash} where id = ${w.ids.get(name)!}
      returning username`;
    return { username: row!.username, password };
  }

  /** Signs the named account in on a new page of a context of its own; records socket frames. */
  async function open(
    name: string,
    o: BrowserContextOptions = { viewport: { width: 1280, height: 860 }, locale: 'zh-CN' },
  ): Promise<{ page: Page; frames: string[] }> {
    const ctx = await browser.newContext(o);
    const page = await ctx.newPage();
    page.on('close', () => void ctx.close().catch(() => undefined));
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await page.goto(`${base}/`);
    await signIn(page, await credentials(name));
    await page.getByRole('heading', { name: '队伍门户' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    await page.locator('.connection[data-status="live"]').waitFor({ timeout: 20_000 });
    return { page, frames };
  }

  /** Orders a call-up for the incident and alerts the team once matching knows it. */
  async function alertTeam(incidentId: string, teamId: string): Promise<string> {
    const res = await w.as(
      'duty',
      'POST',
      '/api/forces/callups',
      buildCallup(incidentId, { ackMinutes: 30 }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const callupId = (res.body as TCallup).id;
    await waitFor('the team among the candidates', async () => {
      const r = await w.as('duty', 'GET', `/api/forces/callups/${callupId}/candidates`);
      return (r.body as TMatchResult).candidates.some((c) => c.teamId === teamId);
    });
    const sent = await w.as('duty', 'POST', `/api/forces/callups/${callupId}/dispatch`, {
      teams: [{ teamId }],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    return callupId;
  }

  /** The team an account leads, as the registry linked it at filing. */
  const teamOf = async (name: string): Promise<string> => {
    const [row] = await w.m.database.sql<{ team_id: string }[]>`
      select team_id from accounts where id = ${w.ids.get(name)!}`;
    return row!.team_id;
  };

  const boardRow = async (callupId: string, teamId: string) => {
    const res = await w.as('duty', 'GET', `/api/forces/callups/${callupId}`);
    return ZCallup.parse(res.body).board.find((r) => r.teamId === teamId);
  };

  beforeAll(async () => {
    requireChromium();
    buildFrontend(dist);
    w = await startForcesWorld(
      {
        duty: { role: 'duty_officer' },
        second: { role: 'duty_officer' },
      },
      { config: { FRONTEND_DIST: dist, REALTIME_TICK_MS: '50' } },
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

  it('shows a team leader a call-up alert as it is sent, live, and takes the acceptance', async () => {
    const incidentId = await reportIncident(w);
    const team = await approvedTeam(w, 'leader');
    const { page, frames } = await open('leader');
    try {
      await page.getByText('当前没有调用通知或执行中的任务').waitFor();
      const callupId = await alertTeam(incidentId, team.id);
      const sentAt = Date.now();
      const alert = page.getByTestId('callup-alert');
      // Inside the 15 s fallback poll: the push of the team's board row brings it.
      await alert.waitFor({ timeout: 10_000 });
      expect(Date.now() - sentAt).toBeLessThan(10_000);
      expect(frames.some((f) => f.includes('"callups"') && f.includes(team.id))).toBe(true);
      await alert.getByText('转移嘉陵江沿岸被困群众', { exact: false }).waitFor();
      await alert.getByText('北碚区天生街道集结点').waitFor();
      expect(await alert.getByText('演练').count()).toBe(0);
      await page.screenshot({ path: artifactPath('portal-callup-alert.png'), fullPage: true });

      // Accepting without a number is refused on the page, naming the field.
      await alert.getByRole('button', { name: '接受调用' }).click();
      await alert.getByText('请填写出动人数').waitFor();
      // By keyboard: the number, then Enter submits.
      await alert.getByLabel('出动人数').fill('8');
      await alert.getByLabel('出动人数').press('Enter');
      await page.getByTestId('callup-active').waitFor();
      await page.getByRole('button', { name: '到达集结点报到' }).waitFor();

      const row = await boardRow(callupId, team.id);
      expect(row).toMatchObject({ status: 'accepted', people: 8 });
      deployedTeam = team.id;
      const events = (await w.eventsOf(team.id)).map((e) => e.type);
      expect(events).toContain('forces.callup.accepted');
      await page.screenshot({ path: artifactPath('portal-callup-accepted.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 120_000);

  it('takes a decline only with its reason, and shows it among the past call-ups', async () => {
    const incidentId = await reportIncident(w);
    const team = await approvedTeam(w, 'decliner');
    const { page, frames } = await open('decliner');
    try {
      const callupId = await alertTeam(incidentId, team.id);
      const alert = page.getByTestId('callup-alert');
      await alert.waitFor({ timeout: 20_000 });
      await alert.getByRole('button', { name: '谢绝调用' }).click();
      await alert.getByText('谢绝时请写明理由').waitFor();
      await alert.getByLabel('谢绝理由').fill('冲锋舟送修，本周无法出动');
      await alert.getByRole('button', { name: '谢绝调用' }).click();
      await alert.waitFor({ state: 'detached' });
      await page.getByText('理由：冲锋舟送修，本周无法出动').waitFor();
      expect(await boardRow(callupId, team.id)).toMatchObject({
        status: 'declined',
        declineReason: '冲锋舟送修，本周无法出动',
      });
      // Its own rows came over the wire; another team's deployment never did.
      expect(frames.some((f) => f.includes('"callups"') && f.includes(team.id))).toBe(true);
      expect(deployedTeam).not.toBe('');
      expect(frames.some((f) => f.includes(deployedTeam))).toBe(false);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('works on a phone: an exercise call-up marked 演练, check-in and position sharing', async () => {
    const incidentId = await reportIncident(w, { exercise: true });
    const team = await approvedTeam(w, 'phone-leader');
    const { page } = await open('phone-leader', {
      ...PHONE_VIEWPORT,
      geolocation: { longitude: 106.4391, latitude: 29.8262, accuracy: 12 },
      permissions: ['geolocation'],
    });
    try {
      const callupId = await alertTeam(incidentId, team.id);
      const alert = page.getByTestId('callup-alert');
      await alert.waitFor({ timeout: 20_000 });
      await alert.locator('.exercise-badge').getByText('演练').waitFor();
      // Nothing is wider than the phone.
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: artifactPath('portal-phone-exercise-alert.png'),
        fullPage: true,
      });

      await alert.getByLabel('出动人数').fill('5');
      await alert.getByRole('button', { name: '接受调用' }).tap();
      const active = page.getByTestId('callup-active');
      await active.waitFor();
      await active.getByRole('button', { name: '到达集结点报到' }).tap();
      await active.getByText('已到场').waitFor();
      expect(await boardRow(callupId, team.id)).toMatchObject({
        status: 'accepted',
        deployment: 'on_scene',
      });
      await active.getByRole('button', { name: '处置中' }).tap();
      await active.getByRole('button', { name: '处置中', pressed: true }).waitFor();
      expect((await boardRow(callupId, team.id))?.deployment).toBe('working');

      // Sharing needs the consent first; the text says what is kept and when it is destroyed.
      const share = active.getByRole('button', { name: '开始共享位置' });
      expect(await share.isDisabled()).toBe(true);
      await active.getByText('事件处置结束时销毁', { exact: false }).waitFor();
      await active.getByLabel('我已阅读上述说明，同意在本次任务中共享位置').check();
      await share.tap();
      await active.getByText('位置已于', { exact: false }).waitFor({ timeout: 20_000 });
      const reported = (await w.eventsOf(team.id)).filter(
        (e) => e.type === 'forces.position.reported',
      );
      expect(reported).toHaveLength(1);
      expect(reported[0]).toMatchObject({ incidentId, exercise: true });
      await page.screenshot({ path: artifactPath('portal-phone-deployed.png'), fullPage: true });
      await active.getByRole('button', { name: '停止共享位置' }).tap();
      await active.getByRole('button', { name: '开始共享位置' }).waitFor();
    } finally {
      await page.close();
    }
  }, 120_000);

  it('lets a new leader file the team, add a member and a policy, submit, and resubmit after a return', async () => {
    await w.addAccount('filer', { role: 'team_leader' });
    const { page } = await open('filer');
    try {
      await page.getByRole('heading', { name: '队伍备案登记' }).waitFor();
      // An empty filing: the server's refusal names the fields, and the page marks them.
      await page.getByRole('button', { name: '保存为草稿' }).click();
      await page.getByRole('alert').getByText('备案信息未能保存').waitFor();
      expect(await page.getByLabel('队伍名称').getAttribute('aria-invalid')).toBe('true');

      const name = `缙云山地救援队-${randomUUID().slice(0, 6)}`;
      await page.getByLabel('队伍名称').fill(name);
      await page.getByLabel('统一社会信用代码').fill(buildCreditCode());
      await page.getByLabel('驻地地址').fill('重庆市北碚区北温泉街道 8 号');
      await page.getByLabel('驻地经度').fill('106.43');
      await page.getByLabel('驻地纬度').fill('29.84');
      await page.getByLabel('负责人姓名').fill('周队长');
      await page.getByLabel('负责人手机号').fill(buildMobile());
      await page.getByLabel('山地救援').check();
      await page.getByRole('button', { name: '保存为草稿' }).click();
      await page.getByText(name).waitFor();
      await page.getByTestId('callup-alert').or(page.getByText('当前没有调用通知')).waitFor();

      await page.getByRole('tab', { name: '队员' }).click();
      await page.getByText('还没有队员。').waitFor();
      await page.getByRole('button', { name: '添加队员' }).click();
      await page.getByLabel('姓名', { exact: true }).fill('吴队员');
      await page.getByLabel('身份证号').fill(buildIdNumber());
      await page.getByLabel('手机号', { exact: true }).fill(buildMobile());
      await page.getByLabel('紧急联系人', { exact: true }).fill('吴家属');
      await page.getByLabel('紧急联系人手机号').fill(buildMobile());
      await page.getByRole('button', { name: '添加证书' }).click();
      await page.getByLabel('证书 1 名称').fill('山地救援技能证');
      await page.getByLabel('证书 1 编号').fill('MR-2026-001');
      await page.getByLabel('证书 1 有效期至').fill(chinaDay(10));
      await page.getByRole('button', { name: '保存队员' }).click();
      // The certificate ends within 30 days: flagged on the member and for the team.
      await page.getByText('（还剩 10 天）', { exact: false }).waitFor();
      await page.getByText('0 本已过期，1 本将在 30 天内到期', { exact: false }).waitFor();

      await page.getByRole('tab', { name: '保险' }).click();
      await page.getByText('目前没有有效的意外伤害保险', { exact: false }).waitFor();
      await page.getByRole('button', { name: '添加保单' }).click();
      await page.getByLabel('保险公司').fill('太平洋财险');
      await page.getByLabel('保单号').fill('CPIC-2026-88');
      await page.getByLabel('起保日期').fill(chinaDay(-1));
      await page.getByLabel('终止日期').fill(chinaDay(200));
      await page.getByRole('button', { name: '保存保单' }).click();
      await page.getByText('保单已保存。').waitFor();

      await page.getByRole('tab', { name: '队伍备案' }).click();
      await page.getByRole('button', { name: '提交审核' }).click();
      await page.getByTestId('team-status').getByText('待审核').waitFor();
      const teamId = await teamOf('filer');
      const back = await w.as('duty', 'POST', `/api/forces/teams/${teamId}/return`, {
        reasons: [{ field: 'insurance.0', reason: '保单须列明被保险队员名单' }],
      });
      expect(back.status, JSON.stringify(back.body)).toBe(200);

      await page.reload();
      await page.getByRole('tab', { name: '队伍备案' }).click();
      await page.getByTestId('team-status').getByText('已退回').waitFor();
      await page.getByText('保险 1：保单须列明被保险队员名单').waitFor();
      await page.screenshot({ path: artifactPath('portal-filing-returned.png'), fullPage: true });
      await page.getByRole('button', { name: '重新提交审核' }).click();
      await page.getByTestId('team-status').getByText('待审核').waitFor();
      const team = await w.as('duty', 'GET', `/api/forces/teams/${teamId}`);
      expect(team.body).toMatchObject({ status: 'submitted', name, memberCount: 1 });
      const submitted = (await w.eventsOf(teamId)).filter(
        (e) => e.type === 'forces.team.submitted',
      );
      expect(submitted.map((e) => (e.data as { resubmission: boolean }).resubmission)).toEqual([
        false,
        true,
      ]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('shows the public the warnings in force without a sign-in, never an exercise', async () => {
    const issue = async (o: Parameters<typeof buildWarning>[1]) => {
      const draft = (await w.as('duty', 'POST', WARNINGS, buildWarning(new Date(), o)))
        .body as TWarning;
      await w.as('duty', 'POST', `${WARNINGS}/${draft.id}/submit`);
      const issued = await w.as('second', 'POST', `${WARNINGS}/${draft.id}/approve`);
      expect((issued.body as TWarning).status).toBe('issued');
    };
    const real = `北碚区暴雨橙色预警-${randomUUID().slice(0, 6)}`;
    const drill = `演练：北碚区暴雨红色预警-${randomUUID().slice(0, 6)}`;
    await issue({ headline: real, level: 'orange' });
    await issue({
      headline: drill,
      level: 'red',
      exercise: true,
      drillRunId: '01a2297c-0000-7000-8000-0000000000aa',
    });

    const ctx = await browser.newContext(PHONE_VIEWPORT);
    const page = await ctx.newPage();
    try {
      // From the sign-in page, one link away, without signing in.
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: '无需登录：查看当前预警信息' }).click();
      await page.getByRole('heading', { name: '当前预警信息' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/warnings');
      const card = page.locator('article.public-warning', { hasText: real });
      await card.waitFor();
      expect(await card.getAttribute('data-level')).toBe('orange');
      // 橙: the level's colour band, and its name in words.
      const band = await page.evaluate(
        `getComputedStyle(document.querySelector('article[data-level="orange"]')).borderTopColor`,
      );
      expect(band).toBe('rgb(242, 116, 5)');
      await card.getByText('橙色（二级）', { exact: false }).waitFor();
      expect(await page.getByText(drill).count()).toBe(0);
      // The one real warning is the only one: the exercise is nowhere on the page.
      expect(await page.locator('article.public-warning').count()).toBe(1);
      expect(await page.locator('article', { hasText: '演练' }).count()).toBe(0);
      // No sign-in form, and the CAP feed is one link away.
      expect(await page.getByLabel('密码').count()).toBe(0);
      const feed = page.getByRole('link', { name: 'CAP 1.2 订阅源（Atom）' });
      expect(await feed.getAttribute('href')).toBe('/api/public/cap/feed.atom');
      const atom = await page.evaluate(
        'fetch("/api/public/cap/feed.atom").then(async (r) => [r.status, await r.text()])',
      );
      expect((atom as [number, string])[0]).toBe(200);
      expect((atom as [number, string])[1]).toContain(real);
      expect((atom as [number, string])[1]).not.toContain(drill);
      await page.screenshot({ path: artifactPath('public-warnings.png'), fullPage: true });

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Warnings in force' }).waitFor();
      // The card's headline is now its English one; its level says so in English too.
      await page.getByText('Orange (level 2)', { exact: false }).first().waitFor();
    } finally {
      await ctx.close();
    }
  }, 90_000);
});
