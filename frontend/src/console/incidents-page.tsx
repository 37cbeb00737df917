import {
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_GRADE_LABELS,
  INCIDENT_STATUSES,
  INCIDENT_STATUS_LABELS,
  RESPONSE_LEVEL_LABELS,
  ZIncidentList,
} from '@muster/contracts';
import type { IncidentStatus } from '@muster/contracts';
import { useState } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { ConsoleLink } from './console-link.tsx';
import { goTo } from './console-route.ts';
import { DeadlineCountdown } from './deadline-countdown.tsx';
import { IncidentForm } from './incident-form.tsx';
import { label, timeText } from './labels.ts';
import { PagedItems, StatusFilter, usePaged } from './paged.tsx';
import { isOffice } from './roles.ts';

/** Another officer's proposals and approvals show up within this long. */
const REFRESH_MS = 30_000;

/**
 * 突发事件: every incident with its grade, response level and the next report due; the office
 * reports a new one (接报) here and lands on its page.
 */
export function IncidentsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { account } = useSession();
  const [reporting, setReporting] = useState(false);
  const [status, setStatus] = useState<IncidentStatus | ''>('');
  const paged = usePaged(
    ZIncidentList,
    '/api/response/incidents',
    { status: status || undefined },
    REFRESH_MS,
  );
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{t('console.incidents.title')}</PageTitle>
      <p className="lead">{t('console.incidents.intro')}</p>
      <div className="console-toolbar">
        <StatusFilter
          id="incident-status-filter"
          value={status}
          values={INCIDENT_STATUSES}
          labelOf={(s) => label(INCIDENT_STATUS_LABELS[s], locale)}
          onChange={setStatus}
          paged={paged}
        />
        <button type="button" className="console-button" onClick={paged.load.reload}>
          {t('console.refresh')}
        </button>
        {isOffice(account.role) ? (
          <button
            type="button"
            className="button-primary"
            aria-expanded={reporting}
            onClick={() => setReporting((r) => !r)}
          >
            {reporting ? t('console.cancel') : t('console.incidents.new')}
          </button>
        ) : null}
      </div>
      {reporting ? <IncidentForm onReported={(i) => goTo('incidents', i.id)} /> : null}
      <PagedItems paged={paged} empty={t('console.incidents.empty')}>
        {(data) => (
          <div className="table-scroll">
            <table>
              <caption>{t('console.incidents.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('console.incidents.col.title')}</th>
                  <th scope="col">{t('console.incidents.col.category')}</th>
                  <th scope="col">{t('console.incidents.col.status')}</th>
                  <th scope="col">{t('console.incidents.col.grade')}</th>
                  <th scope="col">{t('console.incidents.col.level')}</th>
                  <th scope="col">{t('console.incidents.col.aware')}</th>
                  <th scope="col">{t('console.incidents.col.nextDue')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      <ConsoleLink section="incidents" id={i.id}>
                        {i.title}
                      </ConsoleLink>
                      {i.exercise ? (
                        <span className="exercise-tag">{t('console.exercise')}</span>
                      ) : null}
                    </th>
                    <td>{label(INCIDENT_CATEGORY_LABELS[i.category], locale)}</td>
                    <td>{label(INCIDENT_STATUS_LABELS[i.status], locale)}</td>
                    <td>{i.grade ? label(INCIDENT_GRADE_LABELS[i.grade], locale) : '—'}</td>
                    <td>{i.level ? label(RESPONSE_LEVEL_LABELS[i.level], locale) : '—'}</td>
                    <td>{timeText(i.awareAt, locale)}</td>
                    <td>
                      {i.nextDueAt ? (
                        <>
                          <DeadlineCountdown dueAt={i.nextDueAt} />{' '}
                          <span className="muted">{timeText(i.nextDueAt, locale)}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedItems>
    </section>
  );
}
