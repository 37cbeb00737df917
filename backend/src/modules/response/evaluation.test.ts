import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRegistry } from '@muster/contracts';
import { ZEvaluation, ZIncident } from '@muster/contracts';
import type { EventDraft } from '../../platform/bus/outbox.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  buildActivation,
  buildIncident,
  startResponseWorld,
  type ResponseWorld,
} from '../../testing/response-world.ts';
import { keyDurations } from './evaluation-durations.ts';

const MIN = 60_000;
const INCIDENTS = '/api/response/incidents';
const WARNING = '0190a5c0-0000-7000-8000-00000000aa01';
const CALLUP = '0190a5c0-0000-7000-8000-00000000cc01';
const TEAM_A = '0190a5c0-0000-7000-8000-00000000ee0a';
const TEAM_B = '0190a5c0-0000-7000-8000-00000000ee0b';
const ORDER = '0190a5c0-0000-7000-8000-00000000bb01';
const CLAIM = '0190a5c0-0000-7000-8000-00000000dd01';
const terms = { personHourFen: 5_000, equipmentHourFen: [], expensesReimbursed: true };

describe('response: the evaluation from a scripted event sequence', () => {
  let w: ResponseWorld;
  let id: string;
  /** Other modules' events, committed through the outbox as those modules would. */
  const publish = (drafts: EventDraft<AppRegistry>[]) =>
    w.m.database.db.transaction((tx) => w.m.outbox.append(tx, drafts));

  beforeAll(async () => {
    w = await startResponseWorld({
      duty: { role: 'duty_officer' },
      commander: { role: 'commander' },
      observer: { role: 'observer' },
    });
    // 22:00 a red rainstorm warning for the district.
    await publish([
      {
        type: 'monitoring.warning.issued',
        actor: 'system',
        data: {
          warningId: WARNING,
          level: 'red',
          category: 'rainstorm',
          headline: '北碚区暴雨红色预警',
          areaCodes: ['500109'],
          capIdentifier: 'CN-500109-2026-0001',
          issuedAt: '2026-06-30T22:00:00.000Z',
          onset: '2026-06-30T22:00:00.000Z',
        },
      },
    ]);
    await waitFor('warning read model', async () => {
      const r = await w.m.database.db.execute(
        `select 1 from response_warnings where warning_id = '${WARNING}'`,
      );
      return r.length > 0;
    });
    // 23:30 the office learns of the flooding from the warning; 00:00 the initial report.
    id = ZIncident.parse(
      (
        await w.as(
          'duty',
          'POST',
          INCIDENTS,
          buildIncident({ source: 'warning', warningId: WARNING, awareAt: '2026-06-30T23:30:00Z' }),
        )
      ).body,
    ).id;
    await w.as('duty', 'POST', `${INCIDENTS}/${id}/reports`, {
      kind: 'initial',
      summary: '暴雨致天生街道多处积水',
      criteria: {},
      recipients: ['北碚区委区政府总值班室'],
      submit: true,
    });
    w.clock.advance(15 * MIN); // 00:15 activation
    await w.as(
      'duty',
      'POST',
      `${INCIDENTS}/${id}/activate`,
      buildActivation(w.ids.get('commander')!, { level: 'III' }),
    );
    w.clock.advance(5 * MIN); // 00:20 the call-up
    const team = (teamId: string, at: string, kind: 'accepted' | 'checked_in') =>
      kind === 'accepted'
        ? ({
            type: 'forces.callup.accepted',
            actor: 'system',
            data: { callupId: CALLUP, incidentId: id, teamId, acceptedAt: at, people: 6 },
          } as const)
        : ({
            type: 'forces.team.checked_in',
            actor: 'system',
            data: { callupId: CALLUP, incidentId: id, teamId, checkedInAt: at },
          } as const);
    await publish([
      {
        type: 'forces.callup.requested',
        actor: w.ids.get('duty')!,
        data: {
          callupId: CALLUP,
          incidentId: id,
          needs: [{ capability: 'water_rescue', count: 2 }],
          rallyPoint: { lon: 106.437, lat: 29.825 },
          window: { from: '2026-07-01T00:20:00.000Z', to: '2026-07-01T12:20:00.000Z' },
          task: '天生街道积水区群众转移',
          terms,
          insuranceRequired: true,
        },
      },
      team(TEAM_A, '2026-07-01T00:27:00.000Z', 'accepted'),
      team(TEAM_B, '2026-07-01T00:32:00.000Z', 'accepted'),
      team(TEAM_B, '2026-07-01T01:00:00.000Z', 'checked_in'),
      team(TEAM_A, '2026-07-01T01:05:00.000Z', 'checked_in'),
      {
        type: 'requisition.order.issued',
        actor: 'system',
        data: {
          orderId: ORDER,
          incidentId: id,
          certificateNumber: '北碚征字〔2026〕1号',
          itemCount: 3,
          issuedAt: '2026-07-01T00:40:00.000Z',
        },
      },
    ]);
    await waitFor('order read model', async () => {
      const r = await w.m.database.db.execute(
        `select 1 from response_requisition_orders where order_id = '${ORDER}'`,
      );
      return r.length > 0;
    });
    await publish([
      {
        type: 'requisition.item.returned',
        actor: 'system',
        data: {
          orderId: ORDER,
          itemId: TEAM_A,
          returnedAt: '2026-07-01T08:00:00.000Z',
          damaged: true,
        },
      },
      {
        type: 'requisition.compensation.assessed',
        actor: 'system',
        data: { claimId: CLAIM, kind: 'property', incidentId: id, amountFen: 100_000 },
      },
      {
        type: 'requisition.compensation.assessed',
        actor: 'system',
        data: { claimId: CLAIM, kind: 'property', incidentId: id, amountFen: 120_050 },
      },
      {
        type: 'requisition.compensation.paid',
        actor: 'system',
        data: {
          claimId: CLAIM,
          incidentId: id,
          amountFen: 120_050,
          paidAt: '2026-07-03T00:00:00.000Z',
        },
      },
    ]);
    w.clock.advance(6 * 60 * MIN); // 06:20 termination
    await w.as('duty', 'POST', `${INCIDENTS}/${id}/terminate`, { reason: '积水退去' });
    await waitFor('every consumed event on the timeline', async () => {
      const tl = (await w.as('duty', 'GET', `${INCIDENTS}/${id}/timeline?limit=500`)).body as {
        items: unknown[];
      };
      // warning, reported, initial report, activation, call-up, 2 acceptances, 2 check-ins,
      // order, return, 2 assessments, payment, termination.
      return tl.items.length >= 15;
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('computes the key durations from the events', async () => {
    const e = ZEvaluation.parse(
      (await w.as('observer', 'GET', `${INCIDENTS}/${id}/evaluation`)).body,
    );
    expect(e.durations).toEqual({
      awarenessToFirstReport: 30 * 60,
      awarenessToActivation: 45 * 60,
      warningToActivation: 135 * 60,
      activationToTermination: 365 * 60,
      callupToFirstAcceptance: 7 * 60,
      firstAcceptanceToOnScene: 33 * 60,
      acceptanceToOnSceneMedian: ((38 + 28) / 2) * 60,
    });
    expect(e.warnings).toEqual([
      expect.objectContaining({
        warningId: WARNING,
        level: 'red',
        linked: true,
        issuedAt: '2026-06-30T22:00:00.000Z',
      }),
    ]);
    expect(e.callups).toEqual([
      {
        callupId: CALLUP,
        requestedAt: '2026-07-01T00:20:00.000Z',
        teams: [
          {
            teamId: TEAM_A,
            acceptedAt: '2026-07-01T00:27:00.000Z',
            declinedAt: null,
            checkedInAt: '2026-07-01T01:05:00.000Z',
            people: 6,
          },
          {
            teamId: TEAM_B,
            acceptedAt: '2026-07-01T00:32:00.000Z',
            declinedAt: null,
            checkedInAt: '2026-07-01T01:00:00.000Z',
            people: 6,
          },
        ],
      },
    ]);
    expect(e.requisitions).toEqual({
      orders: 1,
      items: 3,
      returned: 1,
      damaged: 1,
      claims: 1,
      assessedFen: 120_050,
      paidFen: 120_050,
    });
    expect(e.reports).toMatchObject({ submitted: 1, onTime: 1, late: 0 });
    expect(e.levelHistory.map((s) => s.action)).toEqual(['activated', 'terminated']);
    expect(e.decisions.map((d) => d.kind)).toEqual(
      expect.arrayContaining([
        'incident.reported',
        'report.submitted',
        'level.activated',
        'level.terminated',
      ]),
    );
    expect(e.tasks.total).toBeGreaterThan(0);
    const kinds = (
      (await w.as('duty', 'GET', `${INCIDENTS}/${id}/timeline?limit=500`)).body as {
        items: { kind: string }[];
      }
    ).items.map((l) => l.kind);
    expect(kinds.slice(0, 2)).toEqual(['warning.issued', 'incident.reported']);
    expect(kinds.filter((k) => k === 'callup.accepted')).toHaveLength(2);
  });

  it('leaves a duration it cannot know empty', () => {
    expect(
      keyDurations({
        awareAt: '2026-07-01T00:00:00Z',
        firstReportAt: null,
        activatedAt: null,
        terminatedAt: null,
        warningIssuedAt: null,
        callups: [],
      }),
    ).toEqual({
      awarenessToFirstReport: null,
      awarenessToActivation: null,
      warningToActivation: null,
      activationToTermination: null,
      callupToFirstAcceptance: null,
      firstAcceptanceToOnScene: null,
      acceptanceToOnSceneMedian: null,
    });
  });

  it('prints a self-contained page with charts, and the same page as a PDF', async () => {
    const page = await w.fetchAs('observer', `${INCIDENTS}/${id}/evaluation.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('调查评估报告');
    expect(html).toContain('Key durations');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html).not.toContain('演练 EXERCISE');
    const pdf = await w.fetchAs('observer', `${INCIDENTS}/${id}/evaluation.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await w.fetchAs('public', `${INCIDENTS}/${id}/evaluation.html`)).status).toBe(401);
  });
});
