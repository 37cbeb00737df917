import { eq } from 'drizzle-orm';
import {
  AppError,
  RESPONSE_LEVEL_LABELS,
  RESPONSE_LEVELS,
  type ResponseLevel,
  type TActivateRequest,
  type TAdjustRequest,
} from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import { grants } from '../../platform/access/grants.ts';
import { findAccount } from '../../platform/access/accounts.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { RESPONSE_LEGAL_BASIS, type ResponseDeps } from './deps.ts';
import { recordNow, recordOf } from './record-clock.ts';
import { recordAct } from './acts.ts';
import { cancelDeadlines, openDeadline } from './deadline-store.ts';
import { lockIncident, requireStatus, type IncidentRow } from './incident-reader.ts';
import { planForIncident, planVersionById } from './plan-service.ts';
import { instantiateTasks } from './tasks.ts';
import { responseIncidents, responseLevelSteps } from './tables.ts';

const HOUR = 3_600_000;
const rank = (l: ResponseLevel) => RESPONSE_LEVELS.indexOf(l);

/** The commander must be an active account with the commander role. */
async function checkCommander(tx: Tx, accountId: string): Promise<void> {
  const acc = await findAccount(tx, accountId);
  if (!acc || acc.role !== 'commander' || acc.status !== 'active')
    throw new AppError('response.commander_invalid', accountId);
}

/** A commander changes only the responses of incidents they command; the office any. */
function requireCommandOf(viewer: Viewer, incidentId: string): void {
  if (viewer.role === 'commander' && !viewer.commands.has(incidentId))
    throw new AppError('response.not_commanding');
}

function step(inc: IncidentRow, by: string, at: Date) {
  return { id: newId(), incidentId: inc.id, at, by, measures: [] as string[], ...recordOf(inc) };
}

/**
 * Activates a response level (art. 72): the commander is assigned with a `command` grant in this
 * transaction (their map and views are justified from now on), each department's tasks are
 * created from the plan for that level, and the first follow-up report's countdown starts.
 */
export async function activate(
  d: ResponseDeps,
  viewer: Viewer,
  id: string,
  b: TActivateRequest,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const inc = await lockIncident(tx, id);
    requireStatus(inc, 'reported');
    await checkCommander(tx, b.commanderAccountId);
    const plan = await planForIncident(tx, inc, b.planId);
    const now = recordNow(d, inc);
    const expectedEndAt = new Date(now.getTime() + b.expectedDurationHours * HOUR);
    await tx.insert(responseLevelSteps).values({
      ...step(inc, viewer.accountId, now),
      action: 'activated',
      levelTo: b.level,
      matters: b.matters,
      measures: b.measures,
      expectedEndAt,
      commanderAccountId: b.commanderAccountId,
      planVersionId: plan.id,
    });
    await tx
      .update(responseIncidents)
      .set({
        status: 'responding',
        level: b.level,
        commanderAccountId: b.commanderAccountId,
        planVersionId: plan.id,
        activatedAt: now,
        expectedEndAt,
        updatedAt: now,
      })
      .where(eq(responseIncidents.id, id));
    const created = await instantiateTasks(tx, {
      ...recordOf(inc),
      incidentId: id,
      level: b.level,
      plan,
      at: now,
      by: viewer.accountId,
    });
    await openDeadline(tx, inc, 'follow_up', now, now);
    const label = RESPONSE_LEVEL_LABELS[b.level];
    const [event] = await recordAct(
      d,
      tx,
      inc,
      { actor: viewer.accountId, at: now },
      {
        line: {
          kind: 'level.activated',
          zh: `启动${label.zh}：${b.matters}；预计持续 ${b.expectedDurationHours} 小时；按《${plan.body.name.zh}》第 ${plan.version} 版向各部门派发 ${created} 项任务`,
          en: `${label.en} activated: ${b.matters}; expected ${b.expectedDurationHours} h; ${created} tasks from "${plan.body.name.en}" v${plan.version}`,
          data: {
            level: b.level,
            planVersionId: plan.id,
            tasks: created,
            commanderAccountId: b.commanderAccountId,
          },
        },
        events: [
          {
            type: 'response.level.activated',
            data: {
              incidentId: id,
              level: b.level,
              activatedAt: now.toISOString(),
              commanderAccountId: b.commanderAccountId,
              expectedEndAt: expectedEndAt.toISOString(),
            },
          },
        ],
        audit: {
          action: 'response.level.activated',
          legalBasis: RESPONSE_LEGAL_BASIS.levels,
          detail: { level: b.level, commander: b.commanderAccountId, planVersion: plan.version },
        },
      },
    );
    await grants.grant(tx, {
      kind: 'command',
      incidentId: id,
      accountId: b.commanderAccountId,
      at: now,
      ...(event ? { sourceEventId: event.id } : {}),
    });
  });
}

/** Raises or lowers the level with the reason; may hand command to another commander. */
export async function adjust(
  d: ResponseDeps,
  viewer: Viewer,
  id: string,
  b: TAdjustRequest,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const inc = await lockIncident(tx, id);
    requireStatus(inc, 'responding');
    requireCommandOf(viewer, id);
    const from = inc.level as ResponseLevel;
    const newCommander =
      b.commanderAccountId && b.commanderAccountId !== inc.commanderAccountId
        ? b.commanderAccountId
        : undefined;
    if (b.level === from && !newCommander) throw new AppError('response.level_unchanged', from);
    if (newCommander) await checkCommander(tx, newCommander);
    const now = recordNow(d, inc);
    const expectedEndAt = b.expectedDurationHours
      ? new Date(now.getTime() + b.expectedDurationHours * HOUR)
      : inc.expectedEndAt;
    const commander = newCommander ?? inc.commanderAccountId;
    await tx.insert(responseLevelSteps).values({
      ...step(inc, viewer.accountId, now),
      action: 'adjusted',
      levelFrom: from,
      levelTo: b.level,
      measures: b.measures ?? [],
      expectedEndAt,
      reason: b.reason,
      commanderAccountId: commander,
      planVersionId: inc.planVersionId,
    });
    await tx
      .update(responseIncidents)
      .set({ level: b.level, commanderAccountId: commander, expectedEndAt, updatedAt: now })
      .where(eq(responseIncidents.id, id));
    if (newCommander) {
      if (inc.commanderAccountId)
        await grants.end(tx, {
          kind: 'command',
          incidentId: id,
          accountId: inc.commanderAccountId,
          at: now,
        });
      await grants.grant(tx, { kind: 'command', incidentId: id, accountId: newCommander, at: now });
    }
    const plan = inc.planVersionId ? await planVersionById(tx, inc.planVersionId) : undefined;
    const added =
      plan && rank(b.level) < rank(from)
        ? await instantiateTasks(tx, {
            ...recordOf(inc),
            incidentId: id,
            level: b.level,
            plan,
            at: now,
            by: viewer.accountId,
          })
        : 0;
    const [fl, tl] = [RESPONSE_LEVEL_LABELS[from], RESPONSE_LEVEL_LABELS[b.level]];
    await recordAct(
      d,
      tx,
      inc,
      { actor: viewer.accountId, at: now },
      {
        line: {
          kind: 'level.adjusted',
          zh: `${fl.zh}调整为${tl.zh}，理由：${b.reason}${newCommander ? '；更换指挥长' : ''}${added ? `；新增 ${added} 项任务` : ''}`,
          en: `${fl.en} → ${tl.en}; reason: ${b.reason}${newCommander ? '; new commander' : ''}${added ? `; ${added} tasks added` : ''}`,
          data: { from, to: b.level, commanderAccountId: commander, tasksAdded: added },
        },
        events: [
          {
            type: 'response.level.adjusted',
            data: {
              incidentId: id,
              from,
              to: b.level,
              reason: b.reason,
              adjustedAt: now.toISOString(),
              ...(newCommander ? { commanderAccountId: newCommander } : {}),
            },
          },
        ],
        audit: {
          action: 'response.level.adjusted',
          legalBasis: RESPONSE_LEGAL_BASIS.levels,
          detail: { from, to: b.level, newCommander: newCommander ?? null },
        },
      },
    );
  });
}

/**
 * Terminates the response (art. 86). The commander's grant ends (the purpose it served is over),
 * follow-up countdowns stop and the final report falls due; recovery and evaluation go on.
 */
export async function terminate(
  d: ResponseDeps,
  viewer: Viewer,
  id: string,
  reason: string,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const inc = await lockIncident(tx, id);
    requireStatus(inc, 'responding');
    requireCommandOf(viewer, id);
    const now = recordNow(d, inc);
    await tx.insert(responseLevelSteps).values({
      ...step(inc, viewer.accountId, now),
      action: 'terminated',
      levelFrom: inc.level,
      reason,
      commanderAccountId: inc.commanderAccountId,
      planVersionId: inc.planVersionId,
    });
    await tx
      .update(responseIncidents)
      .set({ status: 'recovery', level: null, terminatedAt: now, updatedAt: now })
      .where(eq(responseIncidents.id, id));
    if (inc.commanderAccountId)
      await grants.end(tx, {
        kind: 'command',
        incidentId: id,
        accountId: inc.commanderAccountId,
        at: now,
      });
    await cancelDeadlines(tx, id, now, 'follow_up');
    await openDeadline(tx, inc, 'final', now, now);
    await recordAct(
      d,
      tx,
      inc,
      { actor: viewer.accountId, at: now },
      {
        line: {
          kind: 'level.terminated',
          zh: `解除应急响应，理由：${reason}`,
          en: `Response terminated; reason: ${reason}`,
          data: { from: inc.level },
        },
        events: [
          {
            type: 'response.level.terminated',
            data: { incidentId: id, terminatedAt: now.toISOString(), reason },
          },
        ],
        audit: { action: 'response.level.terminated', legalBasis: RESPONSE_LEGAL_BASIS.ending },
      },
    );
  });
}
