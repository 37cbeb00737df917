import { TASK_STATUSES, TASK_STATUS_LABELS, ZTask, ZTaskList } from '@muster/contracts';
import type { TaskStatus } from '@muster/contracts';
import { useCallback, useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { useConsoleApi } from './api.ts';
import { label, timeText } from './labels.ts';
import { Empty, ErrorNotice, Loaded } from './states.tsx';
import { useLoad } from './use-load.ts';

/** 部门任务: the departments' checklists activation created from the plan, with their status. */
export function TasksSection({ incidentId, version }: { incidentId: string; version: number }) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const fetcher = useCallback(
    (signal: AbortSignal) =>
      // `version` changes when the incident does (an activation creates tasks).
      api.get(`/api/response/incidents/${incidentId}/tasks?v=${version}`, ZTaskList, signal),
    [api, incidentId, version],
  );
  const load = useLoad(fetcher);
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const setStatus = async (id: string, status: TaskStatus) => {
    setFailure(null);
    const r = await api.send('PATCH', `/api/response/tasks/${id}`, ZTask, { status });
    if (!r.ok) setFailure(r.failure);
    load.reload();
  };
  return (
    <section className="console-section" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t('console.tasks.title')}</h2>
      {failure ? <ErrorNotice failure={failure} /> : null}
      <Loaded load={load} reload={load.reload}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('console.tasks.empty')}</Empty>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t('console.tasks.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('console.tasks.department')}</th>
                    <th scope="col">{t('console.tasks.task')}</th>
                    <th scope="col">{t('console.tasks.due')}</th>
                    <th scope="col">{t('console.tasks.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((task) => (
                    <tr key={task.id}>
                      <td>
                        {task.departmentName
                          ? label(task.departmentName, locale)
                          : task.departmentId}
                      </td>
                      <th scope="row">{label(task.title, locale)}</th>
                      <td className={task.overdue ? 'deadline-overdue' : undefined}>
                        {timeText(task.dueAt, locale)}
                        {task.overdue ? ` · ${t('console.deadline.overdue')}` : ''}
                      </td>
                      <td>
                        <label className="visually-hidden" htmlFor={`task-${task.id}`}>
                          {t('console.tasks.statusOf', { task: label(task.title, locale) })}
                        </label>
                        <select
                          id={`task-${task.id}`}
                          value={task.status}
                          onChange={(e) => void setStatus(task.id, e.target.value as TaskStatus)}
                        >
                          {TASK_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {label(TASK_STATUS_LABELS[s], locale)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
