import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { ZIncident, ZReport, type TIncident } from '@muster/contracts';
import { errorCode } from '../../testing/http.ts';
import {
  buildActivation,
  buildIncident,
  startResponseWorld,
  type ResponseWorld,
} from '../../testing/response-world.ts';
import { responseReports } from './tables.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const INCIDENTS = '/api/response/incidents';
const criteria = { deaths: 0, missing: 0, injuries: 1, affected: 50, directLossFen: 0 };
const report = (kind: string, o: Record<string, unknown> = {}) => ({
  kind,
  summary: '天生街道下穿通道积水约 1.2 米，已封闭，无人员被困。',
  criteria,
  recipients: ['北碚区委区政府总值班室', '重庆市应急管理局'],
  submit: true,
  ...o,
});

describe('response: report deadlines and overdue alarms under a movable clock', () => {
  let w: ResponseWorld;
  let inc: TIncident;
  beforeAll(async () => {
    w = await startResponseWorld({
      duty: { role: 'duty_officer' },
      commander: { role: 'commander' },
    });
    inc = ZIncident.parse((await w.as('duty', 'POST', INCIDENTS, buildIncident())).body);
  });
  afterAll(async () => {
    await w?.stop();
  });

  const get = async () =>
    ZIncident.parse((await w.as('duty', 'GET', `${INCIDENTS}/${inc.id}`)).body);
  const overdue = async () =>
    (await w.eventsOf(inc.id)).filter((e) => e.type === 'response.report.overdue');

  it('counts the initial report down and raises it once when it falls overdue', async () => {
    w.clock.advance(29 * MIN); // 00:29; aware at 23:30, due 00:30
    await w.m.sweeps.runNow();
    expect((await get()).deadlines[0]).toMatchObject({
      kind: 'initial',
      status: 'pending',
      secondsLeft: 60,
    });
    expect(await overdue()).toEqual([]);

    w.clock.advance(2 * MIN); // 00:31
    expect((await w.m.sweeps.runNow())['response.overdue-reports']).toBe(1);
    await w.m.sweeps.runNow();
    const alarms = await overdue();
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({
      actor: 'system',
      exercise: false,
      data: { kind: 'initial', sequence: 1, dueAt: '2026-07-01T00:30:00.000Z' },
    });
    const d = (await get()).deadlines[0]!;
    expect(d).toMatchObject({
      status: 'overdue',
      secondsLeft: -60,
      alarmedAt: '2026-07-01T00:31:00.000Z',
    });
    const tl = (await w.as('duty', 'GET', `${INCIDENTS}/${inc.id}/timeline`)).body as {
      items: { kind: string; summary: { zh: string } }[];
    };
    expect(tl.items.map((l) => l.kind)).toEqual(['incident.reported', 'report.overdue']);
    expect(tl.items[1]?.summary.zh).toContain('初报已超时');
  });

  it('a late initial report meets its deadline late', async () => {
    const r = ZReport.parse(
      (await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/reports`, report('initial'))).body,
    );
    expect(r).toMatchObject({
      status: 'submitted',
      sequence: 1,
      late: true,
      deadlineId: (await get()).deadlines[0]!.id,
    });
    const submitted = (await w.eventsOf(inc.id)).find(
      (e) => e.type === 'response.report.submitted',
    );
    expect(submitted?.data).toMatchObject({ kind: 'initial', onTime: false, peopleCount: 0 });
    expect((await get()).deadlines[0]!.status).toBe('met_late');
  });

  it('a follow-up falls due every N hours of the grade while the response is active', async () => {
    await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/grade`, { grade: 'IV', criteria });
    expect(
      (
        await w.as(
          'duty',
          'POST',
          `${INCIDENTS}/${inc.id}/activate`,
          buildActivation(w.ids.get('commander')!),
        )
      ).status,
    ).toBe(200);
    const early = await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/reports`, report('final'));
    expect(errorCode(early)).toBe('response.final_before_end');
    let now = await get();
    const f1 = now.deadlines.find((x) => x.kind === 'follow_up')!;
    expect(f1).toMatchObject({ sequence: 1, dueAt: '2026-07-01T12:31:00.000Z', status: 'pending' });

    w.clock.advance(11 * HOUR); // 11:31: on time
    expect(
      ZReport.parse(
        (await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/reports`, report('follow_up'))).body,
      ),
    ).toMatchObject({
      sequence: 1,
      late: false,
    });
    now = await get();
    expect(
      now.deadlines
        .filter((x) => x.kind === 'follow_up')
        .map((x) => [x.sequence, x.status, x.dueAt]),
    ).toEqual([
      [1, 'met', '2026-07-01T12:31:00.000Z'],
      [2, 'pending', '2026-07-01T23:31:00.000Z'],
    ]);
    w.clock.advance(13 * HOUR); // 00:31 next day: #2 missed
    await w.m.sweeps.runNow();
    expect(
      (await overdue()).map((e) => [e.data as { kind: string }].map((x) => x.kind)[0]),
    ).toEqual(['initial', 'follow_up']);
  });

  it('termination stops follow-ups and starts the final report’s countdown; closing needs it', async () => {
    const t = await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/terminate`, {
      reason: '积水已退，道路恢复通行',
    });
    expect(t.status).toBe(200);
    const now = ZIncident.parse(t.body);
    expect(now.status).toBe('recovery');
    const final = now.deadlines.find((x) => x.kind === 'final')!;
    expect(final).toMatchObject({ status: 'pending', dueAt: '2026-07-09T00:31:00.000Z' });
    // The missed follow-up stays missed; no new one falls due after the response ends.
    expect(now.deadlines.filter((x) => x.kind === 'follow_up').map((x) => x.status)).toEqual([
      'met',
      'overdue',
    ]);
    const closing = await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/close`);
    expect(errorCode(closing)).toBe('response.final_report_missing');
    expect(
      (await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/reports`, report('final'))).status,
    ).toBe(201);
    const closed = await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/close`);
    expect(closed.status).toBe(200);
    expect(ZIncident.parse(closed.body)).toMatchObject({
      status: 'closed',
      closedAt: '2026-07-02T00:31:00.000Z',
    });
    const last = (await w.eventsOf(inc.id)).at(-1);
    expect(last).toMatchObject({ type: 'response.incident.closed', data: { incidentId: inc.id } });
    w.clock.advance(30 * 24 * HOUR);
    await w.m.sweeps.runNow();
    expect(await overdue()).toHaveLength(2);
  });
});

describe('response: a submitted report never changes', () => {
  let w: ResponseWorld;
  beforeAll(async () => {
    w = await startResponseWorld({
      duty: { role: 'duty_officer' },
      observer: { role: 'observer' },
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('edits a draft, refuses changes once submitted (API and database), corrects by a new report', async () => {
    const inc = ZIncident.parse((await w.as('duty', 'POST', INCIDENTS, buildIncident())).body);
    const draft = ZReport.parse(
      (
        await w.as(
          'duty',
          'POST',
          `${INCIDENTS}/${inc.id}/reports`,
          report('initial', { submit: false }),
        )
      ).body,
    );
    expect(draft).toMatchObject({ status: 'draft', sequence: null, submittedAt: null });
    const { kind: _k, submit: _s, ...edit } = report('initial', { summary: '更新：积水约 1.5 米' });
    expect((await w.as('duty', 'PUT', `/api/response/reports/${draft.id}`, edit)).status).toBe(200);
    const noReason = await w.as('duty', 'PUT', `/api/response/reports/${draft.id}`, {
      ...edit,
      skipLevel: true,
    });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('body.skipLevelReason');
    const sub = ZReport.parse(
      (await w.as('duty', 'POST', `/api/response/reports/${draft.id}/submit`)).body,
    );
    expect(sub).toMatchObject({ status: 'submitted', summary: '更新：积水约 1.5 米', late: false });

    expect(errorCode(await w.as('duty', 'PUT', `/api/response/reports/${draft.id}`, edit))).toBe(
      'response.report_submitted',
    );
    expect(errorCode(await w.as('duty', 'POST', `/api/response/reports/${draft.id}/submit`))).toBe(
      'response.report_submitted',
    );
    await expect(
      w.m.database.db
        .update(responseReports)
        .set({ summary: '篡改' })
        .where(eq(responseReports.id, draft.id)),
    ).rejects.toThrow();
    await expect(
      w.m.database.db.execute(sql`delete from response_reports where id = ${draft.id}`),
    ).rejects.toThrow();

    const again = await w.as('duty', 'POST', `${INCIDENTS}/${inc.id}/reports`, report('initial'));
    expect(errorCode(again)).toBe('response.report_exists');
    const wrongKind = await w.as(
      'duty',
      'POST',
      `${INCIDENTS}/${inc.id}/reports`,
      report('follow_up', { corrects: draft.id }),
    );
    expect(errorCode(wrongKind)).toBe('response.correction_invalid');
    const fix = ZReport.parse(
      (
        await w.as(
          'duty',
          'POST',
          `${INCIDENTS}/${inc.id}/reports`,
          report('initial', {
            corrects: draft.id,
            summary: '核实：积水约 1.3 米',
            skipLevel: true,
            skipLevelReason: '情况紧急，同时直报市应急管理局',
          }),
        )
      ).body,
    );
    expect(fix).toMatchObject({
      corrects: draft.id,
      sequence: 1,
      deadlineId: null,
      late: null,
      skipLevel: true,
    });
    const original = ZReport.parse(
      (await w.as('observer', 'GET', `/api/response/reports/${draft.id}`)).body,
    );
    expect(original).toMatchObject({ summary: '更新：积水约 1.5 米', correctedBy: [fix.id] });
    const ev = (await w.eventsOf(inc.id)).filter((e) => e.type === 'response.report.submitted');
    expect(ev.map((e) => e.data)).toEqual([
      expect.objectContaining({ reportId: draft.id, onTime: true, skipLevel: false }),
      expect.objectContaining({ reportId: fix.id, corrects: draft.id, skipLevel: true }),
    ]);
    expect(ev[1]?.data).not.toHaveProperty('onTime');
  });
});
