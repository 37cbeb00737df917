import {
  DEADLINE_STATUS_LABELS,
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_GRADE_LABELS,
  INCIDENT_STATUS_LABELS,
  REPORT_KIND_LABELS,
  RESPONSE_LEVEL_LABELS,
  ZIncident,
} from '@muster/contracts';
import type { TIncident } from '@muster/contracts';
import { useCallback, useState } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { ActivationForm } from './activation-form.tsx';
import { useConsoleApi } from './api.ts';
import { ConsoleLink } from './console-link.tsx';
import { DeadlineCountdown } from './deadline-countdown.tsx';
import { IncidentRequisitions } from './incident-requisitions.tsx';
import { label, timeText } from './labels.ts';
import { ReportsSection } from './reports-section.tsx';
import { ResponseControls } from './response-controls.tsx';
import { isOffice } from './roles.ts';
import { Empty, Loaded } from './states.tsx';
import { TasksSection } from './tasks-section.tsx';
import { TimelineSection } from './timeline-section.tsx';
import { useLoad } from './use-load.ts';

function Deadlines({ incident }: { incident: TIncident }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <section className="console-section" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t('console.deadlines.title')}</h2>
      {incident.deadlines.length === 0 ? (
        <Empty>{t('console.deadlines.empty')}</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('console.deadlines.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.deadlines.kind')}</th>
                <th scope="col">{t('console.deadlines.due')}</th>
                <th scope="col">{t('console.deadlines.left')}</th>
                <th scope="col">{t('console.deadlines.status')}</th>
              </tr>
            </thead>
            <tbody>
              {incident.deadlines.map((d) => (
                <tr key={d.id} className={d.status === 'overdue' ? 'deadline-overdue' : undefined}>
                  <th scope="row">
                    {label(REPORT_KIND_LABELS[d.kind], locale)}
                    {d.kind === 'follow_up' ? ` #${d.sequence}` : ''}
                  </th>
                  <td>{timeText(d.dueAt, locale)}</td>
                  <td>
                    {d.status === 'pending' || d.status === 'overdue' ? (
                      <DeadlineCountdown dueAt={d.dueAt} secondsLeft={d.secondsLeft} />
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{label(DEADLINE_STATUS_LABELS[d.status], locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Facts({ incident: i }: { incident: TIncident }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <dl className="facts console-facts">
      <dt>{t('console.incidents.col.category')}</dt>
      <dd>{label(INCIDENT_CATEGORY_LABELS[i.category], locale)}</dd>
      <dt>{t('console.incidents.col.status')}</dt>
      <dd>{label(INCIDENT_STATUS_LABELS[i.status], locale)}</dd>
      <dt>{t('console.incidents.col.grade')}</dt>
      <dd>
        {i.grade ? label(INCIDENT_GRADE_LABELS[i.grade], locale) : t('console.incidents.ungraded')}
      </dd>
      <dt>{t('console.incidents.col.level')}</dt>
      <dd>
        {i.level ? label(RESPONSE_LEVEL_LABELS[i.level], locale) : t('console.incidents.noLevel')}
      </dd>
      <dt>{t('console.incidents.col.aware')}</dt>
      <dd>{timeText(i.awareAt, locale)}</dd>
      {i.activatedAt ? (
        <>
          <dt>{t('console.incidents.activatedAt')}</dt>
          <dd>{timeText(i.activatedAt, locale)}</dd>
          <dt>{t('console.incidents.expectedEnd')}</dt>
          <dd>{timeText(i.expectedEndAt, locale)}</dd>
        </>
      ) : null}
      {i.description ? (
        <>
          <dt>{t('console.incidents.description')}</dt>
          <dd>{i.description}</dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * One incident: facts, report deadlines, response level, reports, requisitions, department tasks,
 * timeline.
 */
export function IncidentPage({ id }: { id: string }) {
  const t = useT();
  const api = useConsoleApi();
  const { account } = useSession();
  const office = isOffice(account.role);
  const [version, setVersion] = useState(0);
  const fetcher = useCallback(
    (signal: AbortSignal) =>
      api.get(`/api/response/incidents/${id}?v=${version}`, ZIncident, signal),
    [api, id, version],
  );
  const load = useLoad(fetcher);
  const changed = () => setVersion((v) => v + 1);

  return (
    <article aria-labelledby="page-title">
      <p>
        <ConsoleLink section="incidents">{t('console.incidents.back')}</ConsoleLink>
      </p>
      <Loaded load={load} reload={load.reload}>
        {(i) => {
          const commands = account.role === 'commander' && i.commanderAccountId === account.id;
          const canFile = office || commands;
          return (
            <>
              <PageTitle>{i.title}</PageTitle>
              {i.exercise ? <p className="exercise-tag">{t('console.exercise')}</p> : null}
              <Facts incident={i} />
              <Deadlines incident={i} />
              {i.level === null && i.status === 'reported' && office ? (
                <ActivationForm incident={i} onActivated={changed} />
              ) : null}
              {i.level !== null && i.status === 'responding' && (office || commands) ? (
                <ResponseControls incident={i} onChanged={changed} />
              ) : null}
              <ReportsSection
                incidentId={i.id}
                criteria={i.criteria}
                canFile={canFile && i.status !== 'closed'}
                onFiled={changed}
              />
              <IncidentRequisitions
                incidentId={i.id}
                canRequest={canFile && (i.status === 'reported' || i.status === 'responding')}
                canDecide={canFile}
              />
              <TasksSection incidentId={i.id} version={version} />
              <TimelineSection incidentId={i.id} version={version} />
            </>
          );
        }}
      </Loaded>
    </article>
  );
}
