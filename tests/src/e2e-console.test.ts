import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { ZIncident, ZOrderList, ZWarning, ZWarningList, type Role } from '@muster/contracts';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMuster, type Muster } from '../../backend/src/app.ts';
import {
  cookieHeaders,
  createAccount,
  login,
  type TestAccount,
} from '../../backend/src/testing/accounts.ts';
import { createTestEnv, type TestEnv } from '../../backend/src/testing/env.ts';
import { seedResponseDemo } from '../../backend/src/modules/response/index.ts';
import { systemClock } from '../../backend/src/platform/clock.ts';
import { seedDemoDistrict } from '../../backend/src/platform/geo/seed.ts';
import { waitFor } from '../../backend/src/testing/processes.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  artifactPath,
  buildFrontend,
  requireChromium,
  signIn,
} from '../support/browser.ts';

/**
 * The duty console in a real Chromium against the whole backend: each role lands on its own
 * console; a warning goes from one duty officer's proposal to a second officer's approval
 * through the pages alone; an activation without art. 72's content is refused field by field; a
 * duty officer reports an incident and requests a requisition for it through the forms, each
 * refusal named under its field.
 */
describe('the duty console in the browser', () => {
  let env: TestEnv;
  let m: Muster;
  let browser: Browser;
  let base: string;
  const dist = mkdtempSync(path.join(tmpdir(), 'muster-dist-'));

  /** A new account of the role, signed in on a browser context of its own (its own cookies). */
  async function signedIn(
    role: Role,
    a?: TestAccount,
  ): Promise<{ page: Page; account: TestAccount }> {
    const account = a ?? (await createAccount(m.database.db, { role, displayName: '测试值班员' }));
    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
    });
    const page = await ctx.newPage();
    page.on('close', () => void ctx.close().catch(() => undefined));
    await page.goto(`${base}/`);
    await signIn(page, account);
    return { page, account };
  }

  /** The message under a control, read through its `aria-describedby`, once it is marked invalid. */
  async function errorOf(page: Page, control: Locator): Promise<string> {
    await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await control.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeDefined();
    return page.locator(`#${errorId}`).innerText();
  }

  /** A `datetime-local` value for an instant, in the time zone the browser shares with us. */
  function localInput(ms: number): string {
    const d = new Date(ms);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  beforeAll(async () => {
    requireChromium();
    buildFrontend(dist);
    env = await createTestEnv();
    m = await startMuster(env.config({ FRONTEND_DIST: dist }));
    base = `http://127.0.0.1:${m.port}`;
    // The district's areas and its flood plan: what an incident and an activation rest on.
    await seedDemoDistrict(m.database.db);
    await seedResponseDemo({
      db: m.database.db,
      clock: systemClock,
      outbox: m.outbox,
      audit: m.audit,
    });
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

  it('takes each role to its own console after signing in', async () => {
    const duty = await signedIn('duty_officer');
    try {
      await duty.page.getByRole('heading', { level: 1, name: '预警' }).waitFor();
      expect(new URL(duty.page.url()).pathname).toBe('/console');
      const sections = duty.page.getByRole('navigation', { name: '值班台分区' });
      for (const name of ['预警', '突发事件', '力量调用', '征用', '风险巡查'])
        await sections.getByRole('link', { name }).waitFor();
      await duty.page.getByRole('button', { name: '拟制预警' }).waitFor();
      // Keyboard: the section links are reachable and follow Enter.
      await sections.getByRole('link', { name: '突发事件' }).focus();
      await duty.page.keyboard.press('Enter');
      await duty.page.getByRole('heading', { level: 1, name: '突发事件' }).waitFor();
      expect(new URL(duty.page.url()).pathname).toBe('/console/incidents');
      await duty.page.getByRole('button', { name: '接报新事件' }).waitFor();
      // Every section answers with its page and an empty state, never an error.
      for (const [name, empty] of [
        ['力量调用', '尚无调用。'],
        ['征用', '没有符合条件的征用。'],
        ['风险巡查', '没有到期未巡查的风险点。'],
      ] as const) {
        await sections.getByRole('link', { name }).click();
        await duty.page.getByRole('heading', { level: 1, name }).waitFor();
        await duty.page.getByText(empty).waitFor();
        expect(await duty.page.locator('.notice-error').count()).toBe(0);
      }
      await sections.getByRole('link', { name: '征用' }).click();
      await duty.page.getByRole('heading', { level: 2, name: '征用台账' }).waitFor();
      await duty.page.getByText('逾期未还').waitFor();
      expect(await duty.page.locator('.notice-error').count()).toBe(0);

      // English on the switch: the same page, every label translated.
      await duty.page.getByRole('button', { name: 'English' }).click();
      await duty.page.getByRole('heading', { level: 1, name: 'Requisitions' }).waitFor();
      const en = duty.page.getByRole('navigation', { name: 'Console sections' });
      for (const name of ['Warnings', 'Incidents', 'Call-ups', 'Requisitions', 'Inspections'])
        await en.getByRole('link', { name }).waitFor();
      await duty.page.getByRole('heading', { level: 2, name: 'Requisition ledger' }).waitFor();
      await duty.page.getByRole('button', { name: '中文' }).click();
      await duty.page.getByRole('heading', { level: 1, name: '征用' }).waitFor();
    } finally {
      await duty.page.close();
    }

    const commander = await signedIn('commander');
    try {
      await commander.page.getByRole('heading', { level: 1, name: '突发事件' }).waitFor();
      expect(new URL(commander.page.url()).pathname).toBe('/console');
      // A commander reads warnings but does not propose them.
      await commander.page
        .getByRole('navigation', { name: '值班台分区' })
        .getByRole('link', { name: '预警' })
        .click();
      await commander.page.getByRole('heading', { level: 1, name: '预警' }).waitFor();
      await commander.page
        .getByText('没有符合条件的预警。')
        .or(commander.page.locator('.console-list'))
        .first()
        .waitFor();
      expect(await commander.page.getByRole('button', { name: '拟制预警' }).count()).toBe(0);
      await commander.page.screenshot({ path: artifactPath('console-commander.png') });
      // Nor does a commander report incidents (the office does: reportIncident's access rule).
      await commander.page
        .getByRole('navigation', { name: '值班台分区' })
        .getByRole('link', { name: '突发事件' })
        .click();
      await commander.page.getByRole('heading', { level: 1, name: '突发事件' }).waitFor();
      expect(await commander.page.getByRole('button', { name: '接报新事件' }).count()).toBe(0);
    } finally {
      await commander.page.close();
    }

    const observer = await signedIn('observer');
    try {
      await observer.page.getByRole('heading', { name: '指挥地图' }).waitFor();
      const nav = observer.page.getByRole('navigation', { name: '主导航' });
      expect(await nav.getByRole('link', { name: '值班台' }).count()).toBe(0);
      await observer.page.goto(`${base}/console/warnings`);
      await observer.page.getByRole('heading', { name: '无权访问' }).waitFor();
    } finally {
      await observer.page.close();
    }
  }, 120_000);

  it('publishes a warning a duty officer proposed once a second officer approves it', async () => {
    const headline = `北碚区暴雨蓝色预警 ${Date.now()}`;
    const first = await signedIn('duty_officer');
    let second: Awaited<ReturnType<typeof signedIn>> | undefined;
    try {
      const p = first.page;
      await p.getByRole('button', { name: '拟制预警' }).click();
      await p.getByLabel('预警级别').selectOption('blue');
      await p.getByLabel('标题').fill(headline);
      await p.getByLabel('影响范围').fill('北碚区全域');
      await p
        .getByLabel('警示事项')
        .fill('预计未来 12 小时北碚区累计雨量 50 毫米以上，注意防范城市内涝。');
      await p.getByRole('button', { name: '提交审批' }).click();

      const mine = p.locator('.console-card', { hasText: headline });
      await mine.getByText('待审批').waitFor();
      // Four eyes: the proposer is told a second officer must approve it.
      await mine.getByText('须另一名值班员审批').waitFor();
      await p.screenshot({ path: artifactPath('console-warning-proposed.png') });

      // The proposer's own approval is refused by the server, and the page says so.
      await mine.getByRole('button', { name: `审批并发布：${headline}` }).click();
      await mine.getByRole('alert').waitFor();

      second = await signedIn('duty_officer');
      const q = second.page;
      await q.getByRole('heading', { level: 1, name: '预警' }).waitFor();
      const theirs = q.locator('.console-card', { hasText: headline });
      await theirs.getByText('待审批').waitFor();
      expect(await theirs.getByText('须另一名值班员审批').count()).toBe(0);
      await theirs.getByRole('button', { name: `审批并发布：${headline}` }).click();
      await theirs.getByText('已发布').waitFor();
      await q.screenshot({ path: artifactPath('console-warning-approved.png') });

      // The server holds it issued, approved by the second officer, proposed by the first.
      const session = await login(base, second.account.username, second.account.password);
      const res = await fetch(`${base}/api/monitoring/warnings?limit=50`, {
        headers: cookieHeaders(session),
      });
      const list = ZWarningList.parse(await res.json());
      const w = ZWarning.parse(list.items.find((x) => x.headline === headline));
      expect(w.status).toBe('issued');
      expect(w.proposedBy).toBe(first.account.id);
      expect(w.approvedBy).toBe(second.account.id);
      expect(w.capIdentifiers.length).toBe(1);

      // Lifting it takes four eyes too: the first officer proposes, the second approves.
      await p.reload();
      const issued = p.locator('.console-card', { hasText: headline });
      await issued.getByText('已发布').waitFor();
      await issued.getByRole('button', { name: '解除' }).click();
      await issued.getByLabel('理由').fill('降雨已停止，险情解除');
      await issued.getByRole('button', { name: '提交解除' }).click();
      await issued.getByText('解除待审批').waitFor();
      await q.reload();
      const toLift = q.locator('.console-card', { hasText: headline });
      await toLift.getByRole('button', { name: `审批并发布：${headline}` }).click();
      await toLift.getByText('已解除').waitFor();
    } finally {
      await first.page.close();
      await second?.page.close();
    }
  }, 120_000);

  it('refuses an activation without the art. 72 content and names each field', async () => {
    const duty = await createAccount(m.database.db, { role: 'duty_officer' });
    await createAccount(m.database.db, { role: 'commander', displayName: '张指挥' });
    const session = await login(base, duty.username, duty.password);
    const res = await fetch(`${base}/api/response/incidents`, {
      method: 'POST',
      headers: { ...cookieHeaders(session), 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '天生街道下穿通道积水',
        category: 'natural_disaster',
        subtype: 'urban_waterlogging',
        source: 'phone',
        awareAt: new Date(Date.now() - 10 * 60_000).toISOString(),
        location: { lon: 106.437, lat: 29.825 },
        areaCodes: ['500109001'],
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const incident = ZIncident.parse(await res.json());

    const { page } = await signedIn('duty_officer', duty);
    try {
      await page.getByRole('heading', { level: 1, name: '预警' }).waitFor();
      await page
        .getByRole('navigation', { name: '值班台分区' })
        .getByRole('link', { name: '突发事件' })
        .click();
      const row = page.getByRole('row', { name: /天生街道下穿通道积水/ });
      // The initial report falls due an hour after awareness: a countdown, not yet red.
      await row.locator('.deadline[data-overdue="false"]').waitFor();
      await row.getByRole('link', { name: '天生街道下穿通道积水' }).click();
      await page.getByRole('heading', { level: 1, name: '天生街道下穿通道积水' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/console/incidents/${incident.id}`);

      const form = page.locator('form', {
        has: page.getByRole('heading', { name: '启动应急响应' }),
      });
      await form.getByRole('button', { name: '启动响应' }).click();
      for (const [field, text] of [
        ['响应级别', '须明确响应级别'],
        ['响应事项', '须明确响应事项'],
        ['预计期限（小时）', '须明确预计期限'],
        ['应急处置措施', '须明确应急处置措施'],
        ['指挥长', '须明确指挥长'],
      ] as const) {
        const control = form.getByLabel(field, { exact: true });
        await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
        const describedBy = (await control.getAttribute('aria-describedby')) ?? '';
        const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
        expect(errorId, field).toBeDefined();
        expect(await page.locator(`#${errorId}`).innerText()).toContain(text);
      }
      // Focus went to the first field in error.
      expect(await form.locator('#act-level:focus').count()).toBe(1);
      await page.screenshot({
        path: artifactPath('console-activation-refused.png'),
        fullPage: true,
      });

      // Filled in, the same form activates the response; the department tasks follow.
      await form.getByLabel('响应级别', { exact: true }).selectOption('IV');
      await form.getByLabel('响应事项', { exact: true }).fill('天生街道城市内涝应急处置');
      await form.getByLabel('预计期限（小时）', { exact: true }).fill('12');
      await form.getByLabel('应急处置措施', { exact: true }).fill('封闭积水路段\n转移低洼地带群众');
      await form.getByLabel('指挥长', { exact: true }).selectOption({ index: 1 });
      await form.getByRole('button', { name: '启动响应' }).click();
      await page.getByText('Ⅳ级响应').first().waitFor();
      await page.getByRole('button', { name: '调整响应级别' }).waitFor();
      expect(await page.getByRole('heading', { name: '启动应急响应' }).count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('reports an incident and requests a requisition for it through the forms, naming each refused field', async () => {
    const title = `澄江镇嘉陵江沿岸群众被困 ${Date.now()}`;
    const purpose = '转移澄江镇嘉陵江沿岸被困群众';
    const { page, account } = await signedIn('duty_officer');
    const reports: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/response/incidents')
        reports.push(r.url());
    });
    try {
      await page.getByRole('heading', { level: 1, name: '预警' }).waitFor();
      await page
        .getByRole('navigation', { name: '值班台分区' })
        .getByRole('link', { name: '突发事件' })
        .click();
      await page.getByRole('heading', { level: 1, name: '突发事件' }).waitFor();
      await page.getByRole('button', { name: '接报新事件' }).click();
      const form = page.locator('form', {
        has: page.getByRole('heading', { name: '接报：新突发事件' }),
      });
      const field = (name: string) => form.getByLabel(name, { exact: true });
      const report = form.getByRole('button', { name: '接报并开始计时' });
      // The types come from the catalogue (incidentTypes), in the reader's language.
      await expect
        .poll(async () => (await field('事件类型').locator('option').allInnerTexts()).length)
        .toBeGreaterThan(1);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Report a new incident' }).waitFor();
      await page.getByLabel('Known since', { exact: true }).waitFor();
      await page.getByRole('button', { name: '中文' }).click();
      await field('事件类别').selectOption('natural_disaster');
      await field('事件类型').selectOption('flood');
      // An incident that grew out of a warning names one of those in force.
      await field('信息来源').selectOption('warning');
      await field('由哪条预警转化').waitFor();
      await field('信息来源').selectOption('phone');
      expect(await field('由哪条预警转化').count()).toBe(0);

      // The contract is checked before anything is sent: no title, no request.
      await report.click();
      expect(await errorOf(page, field('事件名称'))).not.toBe('');
      expect(reports).toHaveLength(0);

      // The server refuses what only it can judge, and the form names the field: a time of
      // awareness ahead of now…
      await field('事件名称').fill(title);
      await field('事件概况').fill('澄江镇嘉陵江沿岸低洼地带进水，约 12 名群众被困，请求转移。');
      await field('获悉时间').fill(localInput(Date.now() + 2 * 3_600_000));
      await report.click();
      expect(await errorOf(page, field('获悉时间'))).toContain('不能晚于现在');
      await form.getByRole('alert').getByText('有 1 处需要修改').waitFor();
      expect(reports).toHaveLength(1);
      // …and an area code the district does not have; focus lands on it.
      await field('获悉时间').fill(localInput(Date.now() - 20 * 60_000));
      await field('行政区划代码').fill('500109999');
      await report.click();
      expect(await errorOf(page, field('行政区划代码'))).toContain('未知的行政区划代码');
      await expect.poll(() => form.locator('#inc-areaCodes:focus').count()).toBe(1);
      expect(await field('获悉时间').getAttribute('aria-invalid')).toBeNull();
      await page.screenshot({ path: artifactPath('console-incident-refused.png'), fullPage: true });

      // Corrected, the incident is opened and its page shown.
      await field('行政区划代码').fill('500109');
      await field('经度').fill('106.391');
      await field('纬度').fill('29.802');
      await field('报告人姓名').fill('李女士');
      await field('报告人电话').fill('13900001111');
      await field('受影响人数').fill('12');
      await report.click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const incidentId = new URL(page.url()).pathname.split('/').pop() ?? '';
      expect(new URL(page.url()).pathname).toBe(`/console/incidents/${incidentId}`);
      await page.getByRole('heading', { level: 2, name: '报告时限' }).waitFor();
      expect(reports).toHaveLength(3);
      const session = await login(base, account.username, account.password);
      const got = await fetch(`${base}/api/response/incidents/${incidentId}`, {
        headers: cookieHeaders(session),
      });
      const incident = ZIncident.parse(await got.json());
      expect(incident).toMatchObject({
        title,
        category: 'natural_disaster',
        subtype: 'flood',
        source: 'phone',
        status: 'reported',
        location: { lon: 106.391, lat: 29.802 },
        areaCodes: ['500109'],
        exercise: false,
      });
      expect(incident.criteria.affected).toBe(12);
      // A report filed from its page starts from the incident's figures, not from zero.
      const reportsSection = page.locator('section', {
        has: page.getByRole('heading', { level: 2, name: '报告', exact: true }),
      });
      expect(await reportsSection.getByLabel('受影响人数', { exact: true }).inputValue()).toBe(
        '12',
      );
      expect(incident.deadlines.map((d) => d.kind)).toEqual(['initial']);

      // A requisition for it, from its page. The requisition module learns of the incident from
      // its event; the form would say so and ask to try again shortly, but here we wait for it.
      await waitFor('the requisition module to hear of the incident', async () => {
        const rows = await m.database.db.execute(
          sql`select 1 from requisition_incidents where incident_id = ${incidentId}::uuid`,
        );
        return rows.length > 0 || undefined;
      });
      const section = page.locator('section', {
        has: page.getByRole('heading', { level: 2, name: '本事件的征用' }),
      });
      await section.getByText('本事件尚无征用。').waitFor();
      await section.getByRole('button', { name: '申请征用' }).click();
      const rq = section.locator('form', { has: page.getByRole('heading', { name: '征用申请' }) });
      const box = (name: string) => rq.getByLabel(name, { exact: true });
      const submit = rq.getByRole('button', { name: '提交征用申请' });
      await box('征用用途').fill(purpose);
      await box('单位名称').fill('北碚区澄江镇渔业专业合作社');
      await box('联系人').fill('王建国');
      await box('联系电话').fill('1380013');
      await box('名称（第 1 项）').fill('冲锋舟');
      await box('号牌、船号或编号（第 1 项）').fill('渝北碚渔 0001');
      await box('计量单位（第 1 项）').fill('艘');
      await box('交付时状况（第 1 项）').fill('船体完好，发动机运转正常，油箱满');
      await box('地点名称或地址').fill('澄江镇嘉陵江码头');
      // A phone number the contract does not take is named before anything is sent.
      await submit.click();
      expect(await errorOf(page, box('联系电话'))).toContain('手机号或带区号的固话');
      await rq.screenshot({ path: artifactPath('console-requisition-form.png') });
      await box('联系电话').fill('13800138000');
      await submit.click();
      await section.getByText('征用申请已提交').waitFor();
      const card = section.locator('.console-card', { hasText: purpose });
      await card.getByText('待审批').waitFor();
      await card.getByText('冲锋舟 × 1 艘').waitFor();
      await card.getByText('北碚区澄江镇渔业专业合作社').waitFor();
      // Four eyes: the requester is told someone else approves it.
      await card.getByText('须由另一名工作人员批准').waitFor();
      expect(await rq.count()).toBe(0);
      await page.screenshot({
        path: artifactPath('console-requisition-requested.png'),
        fullPage: true,
      });

      // Listed on the requisitions page, awaiting approval.
      await page
        .getByRole('navigation', { name: '值班台分区' })
        .getByRole('link', { name: '征用' })
        .click();
      await page.getByRole('heading', { level: 1, name: '征用' }).waitFor();
      await page.locator('.console-card', { hasText: purpose }).getByText('待审批').waitFor();

      // The server holds the order as the form put it.
      const orders = await fetch(`${base}/api/requisition/orders?incidentId=${incidentId}`, {
        headers: cookieHeaders(session),
      });
      const [order, ...more] = ZOrderList.parse(await orders.json()).items;
      expect(more).toHaveLength(0);
      expect(order).toMatchObject({
        status: 'requested',
        requestedBy: account.id,
        purpose,
        requestingUnit: '重庆市北碚区应急管理局',
        owner: { kind: 'unit', unitName: '北碚区澄江镇渔业专业合作社' },
        place: { address: '澄江镇嘉陵江码头', point: null },
      });
      expect(order?.items.map((i) => [i.kind, i.description, i.quantity, i.unit])).toEqual([
        ['vehicle', '冲锋舟', '1', '艘'],
      ]);
    } finally {
      await page.close();
    }
  }, 180_000);
});
