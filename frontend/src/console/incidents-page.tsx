import {
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_GRADE_LABELS,
  INCIDENT_STATUSES,
  INCIDENT_STATUS_LABELS,
  RESPONSE_LEVEL_LABELS,
  ZIncidentList,
} from '@muster/contracts';
import type { IncidentStatus } from '@muster/contracts';
import { useCallback, useState } from 'react';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { query, useConsoleApi } from './api.ts';
import { ConsoleLink } from './console-link.tsx';
import { DeadlineCountdown } from './deadline-countdown.tsx';
import { SelectField } from './fields.tsx';
import { label, timeText } from './labels.ts';
import { Empty, Loaded, Pager } from './states.tsx';
import { useCursorPages, useEvery, useLoad } from './use-load.ts';

const PAGE_SIZE = 20;
/** Another officer's proposals and approvals show up within this long. */
const REFRESH_MS = 30_000;

/** 突发事件: every incident with its grade, response level and the next report due. */
export function IncidentsPage() {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const [status, setStatus] = useState<IncidentStatus | ''>('');
  const pages = useCursorPages();
  const fetcher = useCallback(
    (signal: AbortSignal) =>
      api.get(
        `/api/response/incidents${query({ limit: PAGE_SIZE, cursor: pages.cursor, status: status || undefined })}`,
        ZIncidentList,
        signal,
      ),
    [api, pages.cursor, status],
  );
  const load = useLoad(fetcher);
  useEvery(REFRESH_MS, load.reload);
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{t('console.incidents.title')}</PageTitle>
      <p className="lead">{t('console.incidents.intro')}</p>
      <div className="console-toolbar">
        <SelectField
          id="incident-status-filter"
          label={t('console.filter.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as IncidentStatus | '');
            pages.reset();
          }}
          options={[
            { value: '', label: t('console.filter.all') },
            ...INCIDENT_STATUSES.map((s) => ({
              value: s,
              label: label(INCIDENT_STATUS_LABELS[s], locale),
            })),
          ]}
        />
        <button type="button" className="console-button" onClick={load.reload}>
          {t('console.refresh')}
        </button>
      </div>
      <Loaded load={load} reload={load.reload}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('console.incidents.empty')}</Empty>
          ) : (
            <>
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
              <Pager
                page={pages.page}
                nextCursor={data.nextCursor}
                onNext={pages.next}
                onPrevious={pages.previous}
              />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
