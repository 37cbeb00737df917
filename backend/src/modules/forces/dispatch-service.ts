import { eq } from 'drizzle-orm';
import { AppError, type Capability, type TFieldIssue } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { auditCallup } from './callup-audit.ts';
import { eventMeta, recordNow, type CallupContext } from './callup-deps.ts';
import {
  assignmentsOf,
  knownIncident,
  lockCallup,
  needsOf,
  progressOf,
  requireIncidentAuthority,
  requireOpenCallup,
  requireOpenIncident,
  type CallupRow,
} from './callup-store.ts';
import { forcesCallupAssignments, forcesCallups } from './callup-tables.ts';
import type { MatchingIndex } from './matching.ts';

/** A need escalation could not fill, as `forces.callup.unfilled` reports it. */
type Shortfall = { capability: Capability; count: number; accepted: number; pending: number };

/** A team chosen for a need; `escalatedFrom` when it replaces a team that declined or timed out. */
interface Pick {
  teamId: string;
  capability: Capability;
  escalatedFrom?: string;
}

/** Alerts the picked teams: one board row and one `forces.callup.alerted` each, with the deadline. */
async function alert(
  c: CallupContext,
  tx: Tx,
  callup: CallupRow,
  picks: readonly Pick[],
  actor: string,
): Promise<void> {
  if (picks.length === 0) return;
  const now = recordNow(c, callup);
  const deadline = new Date(now.getTime() + callup.ackMinutes * 60_000);
  await tx.insert(forcesCallupAssignments).values(
    picks.map((p) => ({
      id: newId(),
      callupId: callup.id,
      incidentId: callup.incidentId,
      teamId: p.teamId,
      capability: p.capability,
      exercise: callup.exercise,
      drillRunId: callup.drillRunId,
      status: 'alerted',
      alertedAt: now,
      alertedBy: actor,
      ackDeadline: deadline,
      escalatedFrom: p.escalatedFrom ?? null,
      updatedAt: now,
    })),
  );
  await c.outbox.append(
    tx,
    picks.map((p) => ({
      type: 'forces.callup.alerted' as const,
      ...eventMeta(actor, callup),
      data: {
        callupId: callup.id,
        incidentId: callup.incidentId,
        teamId: p.teamId,
        ackDeadline: deadline.toISOString(),
        capability: p.capability,
        ...(p.escalatedFrom ? { escalatedFrom: p.escalatedFrom } : {}),
      },
    })),
  );
}

/**
 * Alerts the best eligible teams for what each need still lacks (wanted − accepted − pending),
 * skipping teams already on the board. A need that finds too few is marked exhausted and
 * `forces.callup.unfilled` says so once; one that finds enough again is no longer exhausted.
 * `replacing` names the teams whose place the new alerts take (escalation). Returns the alerts.
 */
export async function fillOutstanding(
  c: CallupContext,
  tx: Tx,
  callup: CallupRow,
  index: MatchingIndex,
  o: { actor: string; replacing?: readonly { capability: string; teamId: string }[] },
): Promise<number> {
  const board = await assignmentsOf(tx, callup.id);
  const taken = new Set(board.map((a) => a.teamId));
  const picks: Pick[] = [];
  const exhausted = new Set(callup.exhausted);
  const newlyShort: Shortfall[] = [];
  for (const need of progressOf(callup, board)) {
    const outstanding = need.count - need.accepted - need.pending;
    if (outstanding <= 0) continue;
    const only = { capability: need.capability, count: outstanding };
    const found = index
      .match(needsOf(callup, only), { limit: outstanding + taken.size })
      .candidates.filter((x) => !taken.has(x.teamId))
      .slice(0, outstanding);
    const replaced = (o.replacing ?? []).filter((r) => r.capability === need.capability);
    found.forEach((f, i) => {
      taken.add(f.teamId);
      const from = replaced[i]?.teamId;
      picks.push({
        teamId: f.teamId,
        capability: need.capability,
        ...(from ? { escalatedFrom: from } : {}),
      });
    });
    if (found.length < outstanding) {
      if (!exhausted.has(need.capability))
        newlyShort.push({ ...need, pending: need.pending + found.length });
      exhausted.add(need.capability);
    } else exhausted.delete(need.capability);
  }
  await alert(c, tx, callup, picks, o.actor);
  await setExhausted(c, tx, callup, exhausted, newlyShort, o.actor);
  return picks.length;
}

async function setExhausted(
  c: CallupContext,
  tx: Tx,
  callup: CallupRow,
  exhausted: ReadonlySet<string>,
  newlyShort: readonly Shortfall[],
  actor: string,
): Promise<void> {
  const next = [...exhausted].sort();
  if (next.join() === [...callup.exhausted].sort().join()) return;
  const now = recordNow(c, callup);
  await tx
    .update(forcesCallups)
    .set({ exhausted: next, updatedAt: now })
    .where(eq(forcesCallups.id, callup.id));
  await c.outbox.append(
    tx,
    newlyShort.map((n) => ({
      type: 'forces.callup.unfilled' as const,
      ...eventMeta(actor, callup),
      data: { callupId: callup.id, incidentId: callup.incidentId, ...n, at: now.toISOString() },
    })),
  );
}

/** Checks the chosen teams against the order and gives each its need; 400/409 naming what is wrong. */
function chooseNeeds(
  index: MatchingIndex,
  callup: CallupRow,
  onBoard: ReadonlySet<string>,
  teams: readonly { teamId: string; capability?: Capability | undefined }[],
): Pick[] {
  const issues: TFieldIssue[] = [];
  const picks: Pick[] = [];
  teams.forEach((t, i) => {
    if (onBoard.has(t.teamId)) throw new AppError('forces.team_already_alerted', t.teamId);
    const whole = index.assess(t.teamId, needsOf(callup));
    if (!whole) throw new AppError('forces.team_not_found', t.teamId);
    if (!whole.eligible) {
      const why = whole.reasons.filter((r) => !r.ok).map((r) => r.detail);
      throw new AppError('forces.team_not_eligible', `${whole.name}（${why.join('；')}）`);
    }
    if (t.capability && !callup.needs.some((n) => n.capability === t.capability)) {
      issues.push({
        path: `body.teams.${i}.capability`,
        message: '本调用令不需要该能力 / not a need of this call-up',
      });
      return;
    }
    const offers = (capability: Capability) =>
      index.assess(t.teamId, needsOf(callup, { capability, count: 1 }))?.eligible === true;
    const capability = t.capability ?? callup.needs.map((n) => n.capability).find(offers);
    if (!capability || !offers(capability)) {
      issues.push({
        path: `body.teams.${i}.capability`,
        message:
          '该队伍不具备此项能力或其证书无效 / the team does not offer this need with valid certificates',
      });
      return;
    }
    picks.push({ teamId: t.teamId, capability });
  });
  if (issues.length > 0)
    throw new AppError(
      'request.invalid',
      issues.map((x) => `${x.path}: ${x.message}`).join('; '),
      issues,
    );
  return picks;
}

/**
 * Alerts teams for an open call-up: the ones named (each must be eligible), or with none named
 * the best candidates for what is outstanding. Only a duty officer or the incident's commander.
 */
export async function dispatch(
  c: CallupContext,
  viewer: Viewer,
  callupId: string,
  teams: readonly { teamId: string; capability?: Capability | undefined }[],
): Promise<void> {
  const index = await c.matching.index();
  await c.db.transaction(async (tx) => {
    const callup = await lockCallup(tx, callupId);
    const incident = await knownIncident(tx, callup.incidentId);
    requireIncidentAuthority(viewer, incident);
    requireOpenIncident(incident);
    requireOpenCallup(callup);
    let alerted: number;
    if (teams.length === 0) {
      alerted = await fillOutstanding(c, tx, callup, index, { actor: viewer.accountId });
    } else {
      const board = await assignmentsOf(tx, callup.id);
      const picks = chooseNeeds(index, callup, new Set(board.map((a) => a.teamId)), teams);
      await alert(c, tx, callup, picks, viewer.accountId);
      const exhausted = new Set(callup.exhausted);
      for (const p of picks) exhausted.delete(p.capability);
      await setExhausted(c, tx, callup, exhausted, [], viewer.accountId);
      alerted = picks.length;
    }
    await auditCallup(c, tx, {
      actor: viewer.accountId,
      action: 'forces.callup.dispatched',
      callupId: callup.id,
      incidentId: callup.incidentId,
      detail: { alerted, chosen: teams.length > 0 },
    });
  });
}
