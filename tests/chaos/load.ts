import { randomInt } from 'node:crypto';
import { buildWarning } from '../../backend/src/testing/monitoring.ts';
import { buildCallup, RALLY } from '../../backend/src/testing/callups.ts';
import type { Answer } from '../../backend/src/testing/http.ts';
import { buildOrderRequest } from '../../backend/src/testing/requisition.ts';
import { incidentReport, type ChaosWorld } from './world.ts';

/** The kinds of command the load sends, each a real HTTP operation of the API. */
export const COMMAND_KINDS = [
  'probe',
  'incident',
  'report.draft',
  'report.submit',
  'report.final',
  'warning.draft',
  'warning.submit',
  'warning.approve',
  'warning.adjust',
  'warning.approve_adjust',
  'callup.create',
  'callup.dispatch',
  'callup.accept',
  'callup.decline',
  'requisition.order',
  'requisition.approve',
  'requisition.handover',
  'requisition.return',
  'compensation.assess',
  'compensation.approve',
  'objection.file',
  'objection.review',
  'objection.decide',
  'position',
] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

/** A command the server acknowledged (answered 2xx): it must be stored and applied. */
export interface Acked {
  kind: CommandKind;
  /**
   * The record it made or changed (probe: none; its events are `eventIds`): the incident, report,
   * warning, call-up, requisition order, compensation claim or objection.
   */
  id?: string;
  eventIds?: string[];
  /** Position commands: the team and the time of the fix; call-up answers: the team alerted. */
  teamId?: string;
  /** Requisition commands about an item: the item. */
  itemId?: string;
  at: number;
}

/** How many commands of each kind were acknowledged, every kind named (0 when none). */
export function ackedByKind(acked: readonly Acked[]): Record<CommandKind, number> {
  const n = Object.fromEntries(COMMAND_KINDS.map((k) => [k, 0])) as Record<CommandKind, number>;
  for (const a of acked) n[a.kind]++;
  return n;
}

export interface LoadTally {
  sent: number;
  acked: Acked[];
  /** Answers that were not 2xx, by status (0: no answer: refused, reset, timed out). */
  refused: Record<string, number>;
  /** Requests sent and not yet answered. */
  inflight: number;
}

export interface LoadOptions {
  world: ChaosWorld;
  /** The active incident that call-ups and requisitions are for (none: probes instead). */
  incidentId?: string;
  /** Deployed teams whose members report positions. */
  reporters: { teamId: string; member: string }[];
  /** Approved teams whose leaders answer the call-ups the load sends them (none: probes). */
  standby?: { teamId: string; leader: string }[];
  concurrency: number;
  /** Stop after this many commands were sent… */
  commands: number;
  /** …or when this returns true. */
  stop: () => boolean;
  /** While this returns true, no new command starts (a quiet spell to measure catching up). */
  paused?: () => boolean;
  /** Each request's time limit; a command not answered by then is not acknowledged. */
  timeoutMs?: number;
  /** The tally to fill, to watch it while the load runs. */
  tally?: LoadTally;
}

export const newTally = (): LoadTally => ({ sent: 0, acked: [], refused: {}, inflight: 0 });

const W = '/api/monitoring/warnings';
const INCIDENTS = '/api/response/incidents';
const CALLUPS = '/api/forces/callups';
const ORDERS = '/api/requisition/orders';
const HOUR_MS = 3_600_000;

/**
 * A scripted load of real commands: probes of the pipeline, incidents reported (some followed
 * by a follow-up report, 续报, and the final one, 终报), warnings taken through their four-eyes
 * lifecycle (draft, submit, approve, adjust, approve), call-ups sent to a team on standby and
 * answered by its leader, requisitions of a boat (asked, approved, handed over, returned damaged)
 * with their compensation (assessed, decided, sometimes objected to, reviewed and decided), and
 * positions of deployed teams. Each chain stops at its first step without a 2xx. A command that
 * gets no 2xx is not retried: it was not acknowledged, so the checker does not expect it (it may
 * still have been stored; it must then be applied once).
 */
export async function runLoad(o: LoadOptions): Promise<LoadTally> {
  const tally = o.tally ?? newTally();
  const w = o.world;
  const send = async (
    kind: CommandKind,
    who: string,
    method: string,
    path: string,
    body: unknown,
    ok: number,
  ): Promise<Answer | undefined> => {
    tally.sent++;
    tally.inflight++;
    let a: Answer | undefined;
    try {
      a = await w.as(who, method, path, body, o.timeoutMs);
    } catch {
      a = undefined;
    } finally {
      tally.inflight--;
    }
    if (a?.status === ok) return a;
    const k = String(a?.status ?? 0);
    tally.refused[k] = (tally.refused[k] ?? 0) + 1;
    return undefined;
  };
  const idOf = (a: Answer) => (a.body as { id: string }).id;

  const probe = async () => {
    const a = await send('probe', 'admin', 'POST', '/api/system/probes', { count: 1 }, 202);
    if (a)
      tally.acked.push({
        kind: 'probe',
        eventIds: (a.body as { eventIds: string[] }).eventIds,
        at: Date.now(),
      });
  };
  const ack = (kind: CommandKind, a: Omit<Acked, 'kind' | 'at'>) =>
    tally.acked.push({ kind, ...a, at: Date.now() });
  const incident = async (): Promise<string | undefined> => {
    const a = await send(
      'incident',
      'duty',
      'POST',
      INCIDENTS,
      incidentReport(`北碚区城市内涝 ${randomInt(1e9)}`),
      201,
    );
    if (!a) return undefined;
    ack('incident', { id: idOf(a) });
    return idOf(a);
  };
  /** An incident reported, then its follow-up (a draft, submitted) and its final report. */
  const reports = async () => {
    const incidentId = await incident();
    if (!incidentId || o.stop()) return;
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
    const draft = await send('report.draft', 'duty', 'POST', path, report('follow_up', false), 201);
    if (!draft) return;
    const id = idOf(draft);
    ack('report.draft', { id });
    if (o.stop()) return;
    const sub = await send(
      'report.submit',
      'duty',
      'POST',
      `/api/response/reports/${id}/submit`,
      undefined,
      200,
    );
    if (!sub) return;
    ack('report.submit', { id });
    if (o.stop()) return;
    const fin = await send('report.final', 'duty', 'POST', path, report('final', true), 201);
    if (fin) ack('report.final', { id: idOf(fin) });
  };
  /** A call-up for one team on standby, dispatched to it, accepted or declined by its leader. */
  const callup = async () => {
    const standby = o.standby ?? [];
    const team = standby.length > 0 ? standby[randomInt(standby.length)] : undefined;
    if (!team || !o.incidentId) return probe();
    const body = buildCallup(o.incidentId, {
      rallyPoint: RALLY,
      ackMinutes: 60,
      // The load names the team; a decline is then the answer, not a search for another.
      autoEscalate: false,
    });
    const made = await send('callup.create', 'duty', 'POST', CALLUPS, body, 201);
    if (!made) return;
    const id = idOf(made);
    ack('callup.create', { id });
    if (o.stop()) return;
    const alerted = await send(
      'callup.dispatch',
      'duty',
      'POST',
      `${CALLUPS}/${id}/dispatch`,
      { teams: [{ teamId: team.teamId }] },
      200,
    );
    if (!alerted) return;
    ack('callup.dispatch', { id, teamId: team.teamId });
    if (o.stop()) return;
    const accept = randomInt(4) > 0;
    const kind = accept ? 'callup.accept' : 'callup.decline';
    const answered = await send(
      kind,
      team.leader,
      'POST',
      `${CALLUPS}/${id}/teams/${team.teamId}/answer`,
      accept
        ? { answer: 'accept', people: 1 + randomInt(5) }
        : { answer: 'decline', reason: '队员正在执行其他任务' },
      200,
    );
    if (answered) ack(kind, { id, teamId: team.teamId });
  };
  /**
   * A boat of the world's owner requisitioned for the incident: asked by `duty`, approved by
   * `duty2`, handed over, returned damaged; the repair assessed by `duty` and decided by `duty2`;
   * one time in two the owner objects (recorded by `duty`, received by letter) and `reviewer`, who
   * neither assessed nor decided, reviews it and dismisses it.
   */
  const requisition = async () => {
    if (!o.incidentId) return probe();
    const built = buildOrderRequest(o.incidentId);
    const now = Date.now();
    const body = {
      ...built,
      owner: w.owner,
      items: built.items.slice(0, 1),
      expectedPeriod: {
        from: new Date(now).toISOString(),
        until: new Date(now + 72 * HOUR_MS).toISOString(),
      },
    };
    const asked = await send('requisition.order', 'duty', 'POST', ORDERS, body, 201);
    if (!asked) return;
    const id = idOf(asked);
    ack('requisition.order', { id });
    const step = async (
      kind: CommandKind,
      who: string,
      path: string,
      body: unknown,
      ok = 200,
    ): Promise<Answer | undefined> => {
      if (o.stop()) return undefined;
      return send(kind, who, 'POST', path, body, ok);
    };
    const issued = await step('requisition.approve', 'duty2', `${ORDERS}/${id}/approve`, undefined);
    if (!issued) return;
    const order = issued.body as { claimId: string | null; items: { id: string }[] };
    const itemId = order.items[0]?.id;
    const claimId = order.claimId;
    ack('requisition.approve', { id });
    if (!itemId || !claimId) return;
    const item = `${ORDERS}/${id}/items/${itemId}`;
    if (!(await step('requisition.handover', 'duty', `${item}/handover`, {}))) return;
    ack('requisition.handover', { id, itemId });
    const returned = await step('requisition.return', 'duty', `${item}/return`, {
      outcome: 'damaged',
      condition: '船体左舷擦伤，发动机可运转',
      damage: '左舷船体划伤约 40 厘米，螺旋桨一片叶片变形',
    });
    if (!returned) return;
    ack('requisition.return', { id, itemId });
    const claim = `/api/requisition/claims/${claimId}`;
    const assessed = await step('compensation.assess', 'duty', `${claim}/assessment`, {
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
    ack('compensation.assess', { id: claimId });
    const decided = await step('compensation.approve', 'duty2', `${claim}/approve`, {
      reasons: '按维修发票核定补偿',
    });
    if (!decided) return;
    ack('compensation.approve', { id: claimId });
    if (randomInt(2) === 0) return;
    const filed = await step(
      'objection.file',
      'duty',
      `${claim}/objections`,
      { reasons: '被征用人来信称维修费用偏低，要求重新评估', channel: 'letter' },
      201,
    );
    if (!filed) return;
    const objection = `/api/requisition/objections/${idOf(filed)}`;
    ack('objection.file', { id: idOf(filed) });
    if (!(await step('objection.review', 'reviewer', `${objection}/review`, undefined))) return;
    ack('objection.review', { id: idOf(filed) });
    const ruled = await step('objection.decide', 'reviewer', `${objection}/decide`, {
      outcome: 'dismissed',
      reasons: '维修费用有发票为据，原补偿决定并无不当',
    });
    if (ruled) ack('objection.decide', { id: idOf(filed) });
  };
  const warning = async () => {
    const draft = await send('warning.draft', 'duty', 'POST', W, buildWarning(new Date()), 201);
    if (!draft) return;
    const id = idOf(draft);
    tally.acked.push({ kind: 'warning.draft', id, at: Date.now() });
    const steps: [CommandKind, string, string, unknown][] = [
      ['warning.submit', 'duty', `${W}/${id}/submit`, undefined],
      ['warning.approve', 'duty2', `${W}/${id}/approve`, undefined],
      [
        'warning.adjust',
        'duty2',
        `${W}/${id}/amendments`,
        { action: 'adjust', changes: { level: 'orange' }, reason: '雨势加强' },
      ],
      ['warning.approve_adjust', 'duty', `${W}/${id}/approve`, undefined],
    ];
    for (const [kind, who, path, body] of steps) {
      if (o.stop()) return;
      const a = await send(kind, who, 'POST', path, body, 200);
      if (!a) return;
      tally.acked.push({ kind, id, at: Date.now() });
    }
  };
  const lastFix = new Map<string, number>();
  const position = async () => {
    const r = o.reporters.length > 0 ? o.reporters[randomInt(o.reporters.length)] : undefined;
    // One report per 2 s per reporter is the server's limit.
    if (!r || Date.now() - (lastFix.get(r.member) ?? 0) < 2_100) return probe();
    lastFix.set(r.member, Date.now());
    const at = new Date().toISOString();
    const a = await send(
      'position',
      r.member,
      'POST',
      '/api/forces/positions',
      {
        lon: RALLY.lon + randomInt(1000) / 100_000,
        lat: RALLY.lat + randomInt(1000) / 100_000,
        accuracyM: 10,
        reportedAt: at,
      },
      200,
    );
    if (a && (a.body as { outcome?: string }).outcome === 'accepted')
      tally.acked.push({ kind: 'position', teamId: r.teamId, at: Date.now() });
  };

  const worker = async () => {
    while (tally.sent < o.commands && !o.stop()) {
      if (o.paused?.()) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      // Chains send several commands each (reports 4, warnings 5, call-ups 3, requisitions 6
      // or 9), so picked this often, probes stay about half of the commands sent.
      const dice = randomInt(100);
      if (dice < 75) await probe();
      else if (dice < 79) await incident();
      else if (dice < 82) await reports();
      else if (dice < 86) await warning();
      else if (dice < 90) await callup();
      else if (dice < 93) await requisition();
      else await position();
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return tally;
}
