import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { ZErrorResponse, type TPointRequest, type TWarning } from '@muster/contracts';
import { auditLog } from '../../platform/access/tables.ts';
import { errorCode } from '../../testing/http.ts';
import {
  eventually,
  startMonitoringWorld,
  type MonitoringWorld,
} from '../../testing/monitoring-world.ts';
import { buildPoint, buildRule, buildWarning } from '../../testing/monitoring.ts';
import { readCap } from './cap/cap-doc.ts';
import { profileProblems } from './cap/cap-profile.ts';
import { xsdErrors } from './cap/cap-xsd.ts';
import { monitoringCapMessages, monitoringWarnings } from './tables.ts';
import { reloadWarning } from './warning-view.ts';

const W = '/api/monitoring/warnings';

describe('warnings: lifecycle, four eyes, CAP messages, expiry, escalation', () => {
  let w: MonitoringWorld;
  beforeAll(async () => {
    w = await startMonitoringWorld({
      a: { role: 'duty_officer' },
      b: { role: 'duty_officer' },
      admin: { role: 'admin' },
      cmd: { role: 'commander' },
      water: { role: 'department', departmentId: 'water' },
    });
    await w.as('admin', 'PUT', '/api/monitoring/responsibilities/water', {
      departmentName: '区水利局',
      riskTypes: ['reservoir_dam'],
      warningCategories: ['rainstorm', 'flood'],
      minWarningLevel: 'yellow',
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  const caps = async (warningId: string) =>
    w.m.database.db
      .select()
      .from(monitoringCapMessages)
      .where(eq(monitoringCapMessages.warningId, warningId))
      .orderBy(asc(monitoringCapMessages.sentAt), asc(monitoringCapMessages.createdAt));

  it('needs art. 64 content, a second officer, and publishes Alert → Update → Cancel with full references', async () => {
    const { area: _a, impacts: _i, ...partial } = buildWarning(w.clock.now());
    const draft = (await w.as('a', 'POST', W, partial)).body as TWarning;
    expect(draft).toMatchObject({ status: 'draft', proposedBy: w.ids.get('a') });
    expect(draft.measures!.map((m) => m.article)).toContain('突发事件应对法第六十六条第一项');
    const incomplete = await w.as('a', 'POST', `${W}/${draft.id}/submit`);
    expect(errorCode(incomplete)).toBe('monitoring.warning_incomplete');
    expect(
      (incomplete.body as { error: { issues: { path: string }[] } }).error.issues.map(
        (i) => i.path,
      ),
    ).toEqual(['area', 'impacts']);
    expect((await w.as('a', 'PUT', `${W}/${draft.id}`, buildWarning(w.clock.now()))).status).toBe(
      200,
    );
    expect(((await w.as('a', 'POST', `${W}/${draft.id}/submit`)).body as TWarning).status).toBe(
      'pending_approval',
    );
    // The proposer never approves; a commander may not either.
    expect(errorCode(await w.as('a', 'POST', `${W}/${draft.id}/approve`))).toBe(
      'monitoring.four_eyes',
    );
    expect(errorCode(await w.as('cmd', 'POST', `${W}/${draft.id}/approve`))).toBe('auth.forbidden');
    const issued = (await w.as('b', 'POST', `${W}/${draft.id}/approve`)).body as TWarning;
    expect(issued).toMatchObject({ status: 'issued', approvedBy: w.ids.get('b') });
    const [ev] = (await w.events('monitoring.warning.issued')).filter(
      (e) => (e.data as { warningId: string }).warningId === draft.id,
    );
    expect(ev).toMatchObject({
      exercise: false,
      actor: w.ids.get('b'),
      data: { level: 'yellow', category: 'rainstorm', capIdentifier: issued.capIdentifiers[0] },
    });

    // Adjust to orange (art. 70): proposed by b, approved by a (not b).
    const adj = await w.as('b', 'POST', `${W}/${draft.id}/amendments`, {
      action: 'adjust',
      changes: { level: 'orange' },
      reason: '雨势加强',
    });
    expect((adj.body as TWarning).pendingAmendment).toMatchObject({
      action: 'adjust',
      status: 'pending',
    });
    expect(
      errorCode(
        await w.as('a', 'POST', `${W}/${draft.id}/amendments`, { action: 'lift', reason: '重复' }),
      ),
    ).toBe('monitoring.amendment_pending');
    expect(errorCode(await w.as('b', 'POST', `${W}/${draft.id}/approve`))).toBe(
      'monitoring.four_eyes',
    );
    expect((await w.as('a', 'POST', `${W}/${draft.id}/approve`)).body as TWarning).toMatchObject({
      status: 'adjusted',
      level: 'orange',
    });
    await w.as('a', 'POST', `${W}/${draft.id}/amendments`, {
      action: 'lift',
      reason: '降雨结束，危险解除',
    });
    const lifted = (await w.as('b', 'POST', `${W}/${draft.id}/approve`)).body as TWarning;
    expect(lifted).toMatchObject({ status: 'lifted', endReason: '降雨结束，危险解除' });
    expect(lifted.capIdentifiers).toHaveLength(3);

    const msgs = await caps(draft.id);
    expect(msgs.map((m) => m.msgType)).toEqual(['Alert', 'Update', 'Cancel']);
    for (const [i, m] of msgs.entries()) {
      expect(await xsdErrors(m.xml)).toEqual([]);
      const earlier = msgs
        .slice(0, i)
        .map((e) => ({ sender: e.sender, identifier: e.identifier, sent: e.sent }));
      expect(profileProblems(readCap(m.xml), { own: true, exercise: false, earlier })).toEqual([]);
      expect(m.sent).toMatch(/\+08:00$/);
    }
    const lift = (await w.events('monitoring.warning.lifted')).find(
      (e) => (e.data as { warningId: string }).warningId === draft.id,
    );
    expect(lift?.data).toMatchObject({ expired: false, capIdentifier: msgs[2]!.identifier });
    const audit = await w.m.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, draft.id))
      .orderBy(asc(auditLog.seq));
    expect(audit.map((e) => e.action)).toEqual([
      'monitoring.warning.drafted',
      'monitoring.warning.edited',
      'monitoring.warning.submitted',
      'monitoring.warning.issued',
      'monitoring.warning.amendment_proposed',
      'monitoring.warning.adjusted',
      'monitoring.warning.amendment_proposed',
      'monitoring.warning.lifted',
    ]);
    // The water department answers for rainstorms at yellow and above: three deliveries.
    const inbox = (await w.as('water', 'GET', '/api/monitoring/inbox')).body as {
      items: { refId: string }[];
    };
    expect(inbox.items.filter((i) => i.refId === draft.id)).toHaveLength(3);
  });

  it('a returned draft goes back to its author; an exercise is status Exercise and carries its drill', async () => {
    const drillRunId = '01a2297c-0000-7000-8000-000000000001';
    const d = (
      await w.as(
        'a',
        'POST',
        W,
        buildWarning(w.clock.now(), { exercise: true, drillRunId, headlineEn: undefined }),
      )
    ).body as TWarning;
    await w.as('a', 'POST', `${W}/${d.id}/submit`);
    const back = (await w.as('b', 'POST', `${W}/${d.id}/return`, { reason: '范围再核实' }))
      .body as TWarning;
    expect(back).toMatchObject({ status: 'draft', returnReason: '范围再核实' });
    await w.as('a', 'POST', `${W}/${d.id}/submit`);
    await w.as('b', 'POST', `${W}/${d.id}/approve`);
    const [m] = await caps(d.id);
    expect(m!.status).toBe('Exercise');
    expect(readCap(m!.xml).infos.map((i) => i.language)).toEqual(['zh-CN']);
    const ev = (await w.events('monitoring.warning.issued')).find(
      (e) => (e.data as { warningId: string }).warningId === d.id,
    );
    expect(ev).toMatchObject({ exercise: true, drillRunId });
  });

  it('a crossing above a warning in force proposes its escalation, which an officer submits and another approves', async () => {
    const pt: TPointRequest = buildPoint({
      areaCode: '500109003',
      location: { lon: 106.6, lat: 29.7 },
    });
    const p = (await w.as('a', 'POST', '/api/monitoring/points', pt)).body as { id: string };
    await w.as(
      'a',
      'POST',
      '/api/monitoring/rules',
      buildRule({ pointId: p.id, level: 'red', category: 'flood', sustainS: 0 }),
    );
    const now = w.clock.now();
    const base = buildWarning(now, { category: 'flood', level: 'yellow' });
    const d = (
      await w.as('a', 'POST', W, { ...base, area: { description: '北碚区', codes: ['500109'] } })
    ).body as TWarning;
    await w.as('a', 'POST', `${W}/${d.id}/submit`);
    await w.as('b', 'POST', `${W}/${d.id}/approve`);
    await w.publish(p.id, { observedAt: now.toISOString(), value: 200, unit: 'm' });
    const proposed = await eventually(async () => {
      const g = (await w.as('a', 'GET', `${W}/${d.id}`)).body as TWarning;
      return g.pendingAmendment ? g : undefined;
    });
    expect(proposed.pendingAmendment).toMatchObject({
      action: 'adjust',
      status: 'proposed',
      proposedBy: 'system',
      changes: { level: 'red' },
    });
    await w.as('a', 'POST', `${W}/${d.id}/submit`);
    expect(errorCode(await w.as('a', 'POST', `${W}/${d.id}/approve`))).toBe('monitoring.four_eyes');
    expect(((await w.as('b', 'POST', `${W}/${d.id}/approve`)).body as TWarning).level).toBe('red');
    const adjusted = (await w.events('monitoring.warning.adjusted')).find(
      (e) => (e.data as { warningId: string }).warningId === d.id,
    );
    expect(adjusted?.data).toMatchObject({ level: 'red', previousLevel: 'yellow' });
  });
  it('expires on its own at the expected end, with a Cancel and a lifted event marked expired', async () => {
    const now = w.clock.now();
    const d = (
      await w.as(
        'a',
        'POST',
        W,
        buildWarning(now, { expiresAt: new Date(now.getTime() + 3_600_000).toISOString() }),
      )
    ).body as TWarning;
    await w.as('a', 'POST', `${W}/${d.id}/submit`);
    await w.as('b', 'POST', `${W}/${d.id}/approve`);
    await w.m.sweeps.runNow();
    expect(((await w.as('a', 'GET', `${W}/${d.id}`)).body as TWarning).status).toBe('issued');
    w.clock.advance(3_600_001);
    await w.m.sweeps.runNow();
    // Sessions idle out on the moved clock too: read the row itself.
    expect((await reloadWarning(w.m.database.db, d.id)).status).toBe('expired');
    expect((await caps(d.id)).map((m) => m.msgType)).toEqual(['Alert', 'Cancel']);
    const ev = (await w.events('monitoring.warning.lifted')).find(
      (e) => (e.data as { warningId: string }).warningId === d.id,
    );
    expect(ev).toMatchObject({ actor: 'system', data: { expired: true } });
    await w.m.sweeps.runNow();
    expect(await caps(d.id)).toHaveLength(2);
  });

  it('refuses an instant the database cannot hold (year 0), naming the field, and stores nothing', async () => {
    const count = async () => (await w.m.database.db.select().from(monitoringWarnings)).length;
    const before = await count();
    for (const onset of ['0000-01-01T00:00:00Z', '0001-01-01T00:30:00+01:00']) {
      const res = await w.as('a', 'POST', W, { ...buildWarning(w.clock.now()), onset });
      expect(res.status).toBe(400);
      expect(ZErrorResponse.parse(res.body).error.issues?.map((i) => i.path)).toEqual([
        'body.onset',
      ]);
    }
    expect(await count()).toBe(before);
  });
});
