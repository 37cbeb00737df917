import { randomInt } from 'node:crypto';
import { buildWarning } from '../../backend/src/testing/monitoring.ts';
import { RALLY } from '../../backend/src/testing/callups.ts';
import type { Answer } from '../../backend/src/testing/http.ts';
import { callupChain, reportChain, requisitionChain, type ChainSteps } from './load-chains.ts';
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
      '/api/response/incidents',
      incidentReport(`北碚区城市内涝 ${randomInt(1e9)}`),
      201,
    );
    if (!a) return undefined;
    ack('incident', { id: idOf(a) });
    return idOf(a);
  };
  const chain: ChainSteps = {
    post: (kind, who, path, body, ok = 200) =>
      o.stop() ? Promise.resolve(undefined) : send(kind, who, 'POST', path, body, ok),
    ack,
  };
  const reports = async () => {
    const incidentId = await incident();
    if (incidentId) await reportChain(chain, incidentId);
  };
  const callup = async () => {
    const standby = o.standby ?? [];
    const team = standby.length > 0 ? standby[randomInt(standby.length)] : undefined;
    if (!team || !o.incidentId) return probe();
    await callupChain(chain, o.incidentId, team);
  };
  const requisition = async () => {
    if (!o.incidentId) return probe();
    await requisitionChain(chain, o.incidentId, w.owner);
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
