import { randomInt } from 'node:crypto';
import type { TOrderRequest } from '@muster/contracts';
import { buildCallup, RALLY } from '../../backend/src/testing/callups.ts';
import type { Answer } from '../../backend/src/testing/http.ts';
import { buildOrderRequest } from '../../backend/src/testing/requisition.ts';
import type { Acked, CommandKind } from './load.ts';

/** What a chain asks of the load: send one step, and note one acknowledged. */
export interface ChainSteps {
  /** POSTs a step; the answer when it was `ok` (200 unless said), else undefined (or stopping). */
  post(
    kind: CommandKind,
    who: string,
    path: string,
    body: unknown,
    ok?: number,
  ): Promise<Answer | undefined>;
  ack(kind: CommandKind, a: Omit<Acked, 'kind' | 'at'>): void;
}

const INCIDENTS = '/api/response/incidents';
const CALLUPS = '/api/forces/callups';
const ORDERS = '/api/requisition/orders';
const HOUR_MS = 3_600_000;
const idOf = (a: Answer) => (a.body as { id: string }).id;

/** A reported incident's follow-up report (续报, a draft, then submitted) and final one (终报). */
export async function reportChain(s: ChainSteps, incidentId: string): Promise<void> {
  const report = (kind: 'follow_up' | 'final', submit: boolean) => ({
    kind,
    summary:
      kind === 'final'
        ? '积水已排除，下穿通道恢复通行，无人员伤亡。'
        : '天生街道下穿通道积水约 1.2 米，已封闭，无人员被困。',
    criteria: { deaths: 0, missing: 0, injuries: 0, affected: 20 + randomInt(50) },
    recipients: ['北碚区委区政府总值班室', '重庆市应急管理局'],
    submit,
  });
  const path = `${INCIDENTS}/${incidentId}/reports`;
  const draft = await s.post('report.draft', 'duty', path, report('follow_up', false), 201);
  if (!draft) return;
  const id = idOf(draft);
  s.ack('report.draft', { id });
  if (!(await s.post('report.submit', 'duty', `/api/response/reports/${id}/submit`, undefined)))
    return;
  s.ack('report.submit', { id });
  const final = await s.post('report.final', 'duty', path, report('final', true), 201);
  if (final) s.ack('report.final', { id: idOf(final) });
}

/** A call-up of the incident, dispatched to one team, accepted (3 in 4) or declined by its leader. */
export async function callupChain(
  s: ChainSteps,
  incidentId: string,
  team: { teamId: string; leader: string },
): Promise<void> {
  const body = buildCallup(incidentId, {
    rallyPoint: RALLY,
    ackMinutes: 60,
    // The load names the team; a decline is then the answer, not a search for another.
    autoEscalate: false,
  });
  const made = await s.post('callup.create', 'duty', CALLUPS, body, 201);
  if (!made) return;
  const id = idOf(made);
  s.ack('callup.create', { id });
  const teams = { teams: [{ teamId: team.teamId }] };
  if (!(await s.post('callup.dispatch', 'duty', `${CALLUPS}/${id}/dispatch`, teams))) return;
  s.ack('callup.dispatch', { id, teamId: team.teamId });
  const accept = randomInt(4) > 0;
  const kind = accept ? 'callup.accept' : 'callup.decline';
  const answered = await s.post(
    kind,
    team.leader,
    `${CALLUPS}/${id}/teams/${team.teamId}/answer`,
    accept
      ? { answer: 'accept', people: 1 + randomInt(5) }
      : { answer: 'decline', reason: '队员正在执行其他任务' },
  );
  if (answered) s.ack(kind, { id, teamId: team.teamId });
}

/**
 * A boat of `owner` requisitioned for the incident: asked by `duty`, approved by `duty2`, handed
 * over, returned damaged; the repair assessed by `duty` and decided by `duty2`; one time in two
 * the owner objects (recorded by `duty`, received by letter) and `reviewer`, who neither assessed
 * nor decided, takes the objection up and dismisses it.
 */
export async function requisitionChain(
  s: ChainSteps,
  incidentId: string,
  owner: TOrderRequest['owner'],
): Promise<void> {
  const built = buildOrderRequest(incidentId);
  const now = Date.now();
  const asked = await s.post(
    'requisition.order',
    'duty',
    ORDERS,
    {
      ...built,
      owner,
      items: built.items.slice(0, 1),
      expectedPeriod: {
        from: new Date(now).toISOString(),
        until: new Date(now + 72 * HOUR_MS).toISOString(),
      },
    },
    201,
  );
  if (!asked) return;
  const id = idOf(asked);
  s.ack('requisition.order', { id });
  const issued = await s.post('requisition.approve', 'duty2', `${ORDERS}/${id}/approve`, undefined);
  if (!issued) return;
  s.ack('requisition.approve', { id });
  const order = issued.body as { claimId: string | null; items: { id: string }[] };
  const itemId = order.items[0]?.id;
  const claimId = order.claimId;
  if (!itemId || !claimId) return;
  const item = `${ORDERS}/${id}/items/${itemId}`;
  if (!(await s.post('requisition.handover', 'duty', `${item}/handover`, {}))) return;
  s.ack('requisition.handover', { id, itemId });
  const returned = await s.post('requisition.return', 'duty', `${item}/return`, {
    outcome: 'damaged',
    condition: '船体左舷擦伤，发动机可运转',
    damage: '左舷船体划伤约 40 厘米，螺旋桨一片叶片变形',
  });
  if (!returned) return;
  s.ack('requisition.return', { id, itemId });
  await compensationChain(s, claimId, itemId);
}

/** The claim of a returned item: assessed, decided, and perhaps objected to and reviewed. */
async function compensationChain(s: ChainSteps, claimId: string, itemId: string): Promise<void> {
  const claim = `/api/requisition/claims/${claimId}`;
  const assessed = await s.post('compensation.assess', 'duty', `${claim}/assessment`, {
    lines: [
      {
        method: 'repair',
        itemId,
        repairCostFen: 50_000 + randomInt(100_000),
        evidence: [{ kind: 'invoice', reference: `WX-${randomInt(1e6)}` }],
      },
    ],
  });
  if (!assessed) return;
  s.ack('compensation.assess', { id: claimId });
  const reasons = { reasons: '按维修发票核定补偿' };
  if (!(await s.post('compensation.approve', 'duty2', `${claim}/approve`, reasons))) return;
  s.ack('compensation.approve', { id: claimId });
  if (randomInt(2) === 0) return;
  const filed = await s.post(
    'objection.file',
    'duty',
    `${claim}/objections`,
    { reasons: '被征用人来信称维修费用偏低，要求重新评估', channel: 'letter' },
    201,
  );
  if (!filed) return;
  const id = idOf(filed);
  s.ack('objection.file', { id });
  const objection = `/api/requisition/objections/${id}`;
  if (!(await s.post('objection.review', 'reviewer', `${objection}/review`, undefined))) return;
  s.ack('objection.review', { id });
  const ruled = await s.post('objection.decide', 'reviewer', `${objection}/decide`, {
    outcome: 'dismissed',
    reasons: '维修费用有发票为据，原补偿决定并无不当',
  });
  if (ruled) s.ack('objection.decide', { id });
}
