import {
  WARNING_CATEGORIES,
  WARNING_LEVEL_LABELS,
  WARNING_STATUSES,
  ZWarningList,
} from '@muster/contracts';
import type { TWarning, WarningStatus } from '@muster/contracts';
import { useCallback, useState } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { query, useConsoleApi } from './api.ts';
import { SelectField } from './fields.tsx';
import { label, timeText } from './labels.ts';
import { isOffice } from './roles.ts';
import { Empty, Loaded, Pager } from './states.tsx';
import { useCursorPages, useEvery, useLoad } from './use-load.ts';
import { WarningActions, awaitingApproval } from './warning-actions.tsx';
import { WarningForm } from './warning-form.tsx';

const PAGE_SIZE = 20;
/** Another officer's proposals and approvals show up within this long. */
const REFRESH_MS = 15_000;

function WarningCard({
  w,
  office,
  onChanged,
}: {
  w: TWarning;
  office: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { account } = useSession();
  return (
    <li className="console-card" data-warning-id={w.id} aria-labelledby={`w-${w.id}`}>
      <div className="console-card-head">
        <h3 id={`w-${w.id}`}>{w.headline}</h3>
        <span className={`level-badge level-${w.level}`}>
          {label(WARNING_LEVEL_LABELS[w.level], locale)}
        </span>
        <span className={`status-tag status-${w.status}`}>
          {t(`console.warnings.status.${w.status}`)}
        </span>
        {awaitingApproval(w) && w.status !== 'pending_approval' ? (
          <span className="status-tag status-pending_approval">
            {t(`console.warnings.amendment.${w.pendingAmendment?.action ?? 'adjust'}`)}
          </span>
        ) : null}
        {w.exercise ? <span className="exercise-tag">{t('console.exercise')}</span> : null}
      </div>
      <dl className="facts console-facts">
        <dt>{t('console.warnings.field.category')}</dt>
        <dd>{label(WARNING_CATEGORIES[w.category], locale)}</dd>
        <dt>{t('console.warnings.field.area')}</dt>
        <dd>{w.area?.description ?? '—'}</dd>
        <dt>{t('console.warnings.proposedBy')}</dt>
        <dd>
          {w.proposedBy === account.id
            ? t('console.warnings.byMe')
            : w.proposedBy === 'system'
              ? t('console.warnings.bySystem')
              : t('console.warnings.byOther')}
        </dd>
        <dt>{t('console.warnings.field.onset')}</dt>
        <dd>{timeText(w.onset, locale)}</dd>
        <dt>{t('console.warnings.field.expiresAt')}</dt>
        <dd>{timeText(w.expiresAt, locale)}</dd>
        {w.issuedAt ? (
          <>
            <dt>{t('console.warnings.issuedAt')}</dt>
            <dd>{timeText(w.issuedAt, locale)}</dd>
          </>
        ) : null}
        {w.returnReason ? (
          <>
            <dt>{t('console.warnings.returnReason')}</dt>
            <dd>{w.returnReason}</dd>
          </>
        ) : null}
        {w.pendingAmendment ? (
          <>
            <dt>{t('console.warnings.field.reason')}</dt>
            <dd>{w.pendingAmendment.reason}</dd>
          </>
        ) : null}
      </dl>
      {office ? <WarningActions warning={w} onChanged={onChanged} /> : null}
    </li>
  );
}

/** 预警: proposals waiting for approval, drafts, warnings in force and their history. */
export function WarningsPage() {
  const t = useT();
  const api = useConsoleApi();
  const { account } = useSession();
  const office = isOffice(account.role);
  const [status, setStatus] = useState<WarningStatus | ''>('');
  const [proposing, setProposing] = useState(false);
  const pages = useCursorPages();
  const fetcher = useCallback(
    (signal: AbortSignal) =>
      api.get(
        `/api/monitoring/warnings${query({ limit: PAGE_SIZE, cursor: pages.cursor, status: status || undefined })}`,
        ZWarningList,
        signal,
      ),
    [api, pages.cursor, status],
  );
  const load = useLoad(fetcher);
  useEvery(REFRESH_MS, load.reload);

  return (
    <section aria-labelledby="page-title">
      <PageTitle>{t('console.warnings.title')}</PageTitle>
      <p className="lead">{t('console.warnings.intro')}</p>
      <div className="console-toolbar">
        <SelectField
          id="warning-status-filter"
          label={t('console.filter.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as WarningStatus | '');
            pages.reset();
          }}
          options={[
            { value: '', label: t('console.filter.all') },
            ...WARNING_STATUSES.map((s) => ({
              value: s,
              label: t(`console.warnings.status.${s}`),
            })),
          ]}
        />
        {office ? (
          <button
            type="button"
            className="button-primary"
            aria-expanded={proposing}
            aria-controls="warning-form"
            onClick={() => setProposing((p) => !p)}
          >
            {proposing ? t('console.cancel') : t('console.warnings.propose')}
          </button>
        ) : null}
      </div>
      {proposing ? (
        <div id="warning-form">
          <WarningForm
            onDone={() => {
              setProposing(false);
              pages.reset();
              load.reload();
            }}
          />
        </div>
      ) : null}
      <Loaded load={load} reload={load.reload}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('console.warnings.empty')}</Empty>
          ) : (
            <>
              <ul className="console-list" aria-label={t('console.warnings.listLabel')}>
                {data.items.map((w) => (
                  <WarningCard key={w.id} w={w} office={office} onChanged={load.reload} />
                ))}
              </ul>
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
