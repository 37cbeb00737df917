import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { TRiskPoint } from '@muster/contracts';
import { buildRisk } from '../../testing/monitoring.ts';
import { errorCode } from '../../testing/http.ts';
import { startMonitoringWorld, type MonitoringWorld } from '../../testing/monitoring-world.ts';
import { monitoringInbox } from './tables.ts';

const R = '/api/monitoring/risks';
const risk = buildRisk;

describe('risk register (art. 33), responsibility matrix and inboxes', () => {
  let w: MonitoringWorld;
  beforeAll(async () => {
    w = await startMonitoringWorld({
      duty: { role: 'duty_officer' },
      admin: { role: 'admin' },
      natres: { role: 'department', departmentId: 'natres' },
      roads: { role: 'department', departmentId: 'roads' },
      obs: { role: 'observer' },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('shows the responsible contact to the office and its own department only', async () => {
    const created = await w.as('duty', 'POST', R, risk());
    expect(created.status).toBe(201);
    const id = (created.body as TRiskPoint).id;
    expect((created.body as TRiskPoint).contact).toEqual({ name: '王责任', phone: '13800138000' });
    const seen = async (who: string) =>
      ((await w.as(who, 'GET', `${R}/${id}`)).body as TRiskPoint).contact;
    expect(await seen('natres')).toEqual({ name: '王责任', phone: '13800138000' });
    expect(await seen('roads')).toEqual({});
    expect(await seen('obs')).toEqual({});
    expect(errorCode(await w.as('public', 'GET', `${R}/${id}`))).toBe('auth.required');
    const map = JSON.stringify((await w.as('obs', 'GET', '/api/monitoring/map')).body);
    expect(map).toContain(id);
    expect(map).not.toContain('13800138000');
    const bad = await w.as(
      'duty',
      'POST',
      R,
      risk({ contact: { name: '王', phone: '123' }, location: undefined }),
    );
    expect(bad.status).toBe(400);
  });

  it('records assessments and inspections; another department may not inspect', async () => {
    const id = ((await w.as('duty', 'POST', R, risk())).body as TRiskPoint).id;
    const a = await w.as('duty', 'POST', `${R}/${id}/assessments`, {
      riskLevel: 'major',
      method: '专家会商',
      findings: '裂缝扩大',
    });
    expect(a.body).toMatchObject({ riskLevel: 'major', previousLevel: 'significant' });
    expect(((await w.as('duty', 'GET', `${R}/${id}`)).body as TRiskPoint).riskLevel).toBe('major');
    const when = w.clock.now().toISOString();
    expect(
      errorCode(
        await w.as('roads', 'POST', `${R}/${id}/inspections`, {
          inspectedAt: when,
          findings: '无',
          hazardsFound: false,
        }),
      ),
    ).toBe('auth.forbidden');
    expect(
      (
        await w.as('natres', 'POST', `${R}/${id}/inspections`, {
          inspectedAt: when,
          findings: '排水沟堵塞已清理',
          hazardsFound: true,
        })
      ).status,
    ).toBe(201);
    const got = (await w.as('duty', 'GET', `${R}/${id}`)).body as TRiskPoint;
    expect(Date.parse(got.nextInspectionDue) - Date.parse(when)).toBe(30 * 86_400_000);
    const h = (await w.as('duty', 'GET', `${R}/${id}/history`)).body as {
      assessments: unknown[];
      inspections: unknown[];
    };
    expect([h.assessments.length, h.inspections.length]).toEqual([1, 1]);
  });

  it('raises one overdue-inspection alarm per missed due date, to the owner and the matrix', async () => {
    await w.as('admin', 'PUT', '/api/monitoring/responsibilities/planning', {
      departmentName: '区规划自然资源局',
      riskTypes: ['landslide'],
    });
    const id = (
      (await w.as('duty', 'POST', R, risk({ inspectionEveryDays: 7 }))).body as TRiskPoint
    ).id;
    w.clock.advance(7 * 86_400_000 + 1000);
    await w.m.sweeps.runNow();
    await w.m.sweeps.runNow();
    const alarms = (await w.events('monitoring.risk.inspection_overdue')).filter(
      (e) => (e.data as { riskPointId: string }).riskPointId === id,
    );
    expect(alarms).toHaveLength(1);
    const inbox = await w.m.database.db
      .select()
      .from(monitoringInbox)
      .where(eq(monitoringInbox.refId, id));
    expect(inbox.map((i) => i.departmentId).sort()).toEqual(['natres', 'planning']);
  });
});
