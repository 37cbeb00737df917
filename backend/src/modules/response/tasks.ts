import { and, asc, eq, type SQL } from 'drizzle-orm';
import {
  AppError,
  type ResponseLevel,
  type TaskStatus,
  type TBilingual,
  type TPlanVersion,
  type TTask,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { RecordTime } from './record-clock.ts';
import { responseTasks } from './tables.ts';

type TaskRow = typeof responseTasks.$inferSelect;

/**
 * Creates the departments' checklists a level calls for, from the plan version (联防联控): each
 * task of that level once per incident (an escalation adds what the higher level adds; a task
 * already created is kept as it is). Returns how many were new.
 */
export async function instantiateTasks(
  tx: Executor,
  o: RecordTime & {
    incidentId: string;
    level: ResponseLevel;
    plan: TPlanVersion;
    at: Date;
    by: string;
  },
): Promise<number> {
  const names = new Map(o.plan.body.departments.map((d) => [d.id, d.name]));
  const due = o.plan.body.tasks.filter((t) => t.levels.includes(o.level));
  if (due.length === 0) return 0;
  const rows = await tx
    .insert(responseTasks)
    .values(
      due.map((t) => ({
        id: newId(),
        incidentId: o.incidentId,
        phase: 'response',
        key: t.key,
        departmentId: t.departmentId,
        departmentName: names.get(t.departmentId) ?? null,
        title: t.title,
        level: o.level,
        status: 'pending',
        dueAt: new Date(o.at.getTime() + t.dueMinutes * 60_000),
        notes: '',
        planVersionId: o.plan.id,
        createdAt: o.at,
        updatedAt: o.at,
        updatedBy: o.by,
        exercise: o.exercise,
        drillRunId: o.drillRunId,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: responseTasks.id });
  return rows.length;
}

export function taskView(r: TaskRow, now: Date): TTask {
  const status = r.status as TaskStatus;
  return {
    id: r.id,
    incidentId: r.incidentId,
    phase: r.phase as 'response' | 'recovery',
    key: r.key,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    title: r.title,
    level: r.level as ResponseLevel | null,
    status,
    dueAt: r.dueAt.toISOString(),
    overdue:
      (status === 'pending' || status === 'in_progress' || status === 'blocked') && now > r.dueAt,
    notes: r.notes,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
    exercise: r.exercise,
  };
}

export async function tasksOf(
  db: Executor,
  incidentId: string,
  q: { departmentId?: string | undefined; phase?: 'response' | 'recovery' | undefined } = {},
): Promise<TaskRow[]> {
  const where: (SQL | undefined)[] = [
    eq(responseTasks.incidentId, incidentId),
    q.departmentId ? eq(responseTasks.departmentId, q.departmentId) : undefined,
    q.phase ? eq(responseTasks.phase, q.phase) : undefined,
  ];
  return db
    .select()
    .from(responseTasks)
    .where(and(...where))
    .orderBy(asc(responseTasks.phase), asc(responseTasks.dueAt), asc(responseTasks.key));
}

export async function lockTask(tx: Executor, id: string): Promise<TaskRow> {
  const [row] = await tx.select().from(responseTasks).where(eq(responseTasks.id, id)).for('update');
  if (!row) throw new AppError('response.task_not_found', id);
  return row;
}

export async function insertRecoveryTask(
  tx: Executor,
  o: RecordTime & {
    incidentId: string;
    departmentId: string;
    departmentName?: TBilingual | undefined;
    title: TBilingual;
    dueAt: Date;
    at: Date;
    by: string;
  },
): Promise<string> {
  const id = newId();
  await tx.insert(responseTasks).values({
    id,
    incidentId: o.incidentId,
    phase: 'recovery',
    key: `recovery-${id}`,
    departmentId: o.departmentId,
    departmentName: o.departmentName ?? null,
    title: o.title,
    level: null,
    status: 'pending',
    dueAt: o.dueAt,
    notes: '',
    planVersionId: null,
    createdAt: o.at,
    updatedAt: o.at,
    updatedBy: o.by,
    exercise: o.exercise,
    drillRunId: o.drillRunId,
  });
  return id;
}
