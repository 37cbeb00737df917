import { eq } from 'drizzle-orm';
import {
  AppError,
  TASK_STATUS_LABELS,
  type TaskStatus,
  type TBilingual,
  type TTask,
} from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { RESPONSE_LEGAL_BASIS, type ResponseDeps } from './deps.ts';
import { recordNow, recordOf } from './record-clock.ts';
import { recordAct } from './acts.ts';
import { findIncident, lockIncident, requireStatus } from './incident-reader.ts';
import { insertRecoveryTask, lockTask, taskView, tasksOf } from './tasks.ts';
import { responseTasks } from './tables.ts';

const OFFICE = new Set(['admin', 'duty_officer']);

/** A department updates its own tasks; the office, and the incident's commander, any. */
function requireTaskOwner(viewer: Viewer, task: { departmentId: string; incidentId: string }) {
  if (OFFICE.has(viewer.role)) return;
  if (viewer.role === 'commander' && viewer.commands.has(task.incidentId)) return;
  if (viewer.role === 'department' && viewer.departmentId === task.departmentId) return;
  throw new AppError('response.not_your_task', task.departmentId);
}

export async function updateTask(
  d: ResponseDeps,
  viewer: Viewer,
  id: string,
  u: { status?: TaskStatus | undefined; notes?: string | undefined },
): Promise<TTask> {
  return d.db.transaction(async (tx) => {
    const task = await lockTask(tx, id);
    requireTaskOwner(viewer, task);
    const inc = await lockIncident(tx, task.incidentId);
    requireStatus(inc, 'responding', 'recovery');
    const now = recordNow(d, inc);
    const status = u.status ?? (task.status as TaskStatus);
    const [row] = await tx
      .update(responseTasks)
      .set({ status, notes: u.notes ?? task.notes, updatedAt: now, updatedBy: viewer.accountId })
      .where(eq(responseTasks.id, id))
      .returning();
    if (status !== task.status) {
      const label = TASK_STATUS_LABELS[status];
      await recordAct(
        d,
        tx,
        inc,
        { actor: viewer.accountId, at: now },
        {
          line: {
            kind: 'task.updated',
            zh: `${task.departmentName?.zh ?? task.departmentId}：“${task.title.zh}”${label.zh}`,
            en: `${task.departmentName?.en ?? task.departmentId}: "${task.title.en}" ${label.en.toLowerCase()}`,
            data: { taskId: id, departmentId: task.departmentId, status, from: task.status },
          },
          events: [
            {
              type: 'response.task.updated',
              data: {
                incidentId: inc.id,
                taskId: id,
                departmentId: task.departmentId,
                status,
                phase: task.phase as 'response' | 'recovery',
              },
            },
          ],
        },
      );
    }
    return taskView(row!, now);
  });
}

/** Adds a recovery task for a department (art. 87): after the response, or while it goes on. */
export async function addRecoveryTask(
  d: ResponseDeps,
  viewer: Viewer,
  incidentId: string,
  b: {
    departmentId: string;
    departmentName?: TBilingual | undefined;
    title: TBilingual;
    dueAt: string;
  },
): Promise<TTask> {
  return d.db.transaction(async (tx) => {
    const inc = await lockIncident(tx, incidentId);
    requireStatus(inc, 'responding', 'recovery');
    const now = recordNow(d, inc);
    const id = await insertRecoveryTask(tx, {
      ...recordOf(inc),
      incidentId,
      departmentId: b.departmentId,
      departmentName: b.departmentName,
      title: b.title,
      dueAt: new Date(b.dueAt),
      at: now,
      by: viewer.accountId,
    });
    await recordAct(
      d,
      tx,
      inc,
      { actor: viewer.accountId, at: now },
      {
        line: {
          kind: 'recovery.task_added',
          zh: `恢复重建任务：${b.departmentName?.zh ?? b.departmentId}“${b.title.zh}”`,
          en: `Recovery task for ${b.departmentName?.en ?? b.departmentId}: "${b.title.en}"`,
          data: { taskId: id, departmentId: b.departmentId },
        },
        audit: {
          action: 'response.recovery.task_added',
          legalBasis: RESPONSE_LEGAL_BASIS.recovery,
        },
      },
    );
    const [row] = (await tasksOf(tx, incidentId, { phase: 'recovery' })).filter((t) => t.id === id);
    return taskView(row!, now);
  });
}

/** An incident's tasks: every department sees the whole checklist (联防联控 is shared work). */
export async function listTasks(
  d: ResponseDeps,
  incidentId: string,
  q: { departmentId?: string | undefined; phase?: 'response' | 'recovery' | undefined },
): Promise<{ items: TTask[] }> {
  const inc = await findIncident(d.db, incidentId);
  const now = recordNow(d, inc);
  return { items: (await tasksOf(d.db, incidentId, q)).map((t) => taskView(t, now)) };
}
