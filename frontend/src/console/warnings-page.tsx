import {
  WARNING_CATEGORIES,
  WARNING_LEVEL_LABELS,
  WARNING_STATUSES,
  ZWarningList,
} from '@muster/contracts';
import type { TWarning, WarningStatus } from '@muster/contracts';
import { useState } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { label, timeText } from './labels.ts';
import { isOffice } from './roles.ts';
import { PagedItems, StatusFilter, usePaged } from './paged.tsx';
import { WarningActions, awaitingApproval } from './warning-actions.tsx';
import { WarningForm } from './warning-form.tsx';

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
  const { account } = useSession();
  const office = isOffice(account.role);
  const [status, setStatus] = useState<WarningStatus | ''>('');
  const [proposing, setProposing] = useState(false);
  const paged = usePaged(
    ZWarningList,
    '/api/monitoring/warnings',
    { status: status || undefined },
    REFRESH_MS,
  );
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{t('console.warnings.title')}</PageTitle>
      <p className="lead">{t('console.warnings.intro')}</p>
      <div className="console-toolbar">
        <StatusFilter
          id="warning-status-filter"
          value={status}
          values={WARNING_STATUSES}
          labelOf={(s) => t(`console.warnings.status.${s}`)}
          onChange={setStatus}
          paged={paged}
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
              paged.pages.reset();
              paged.load.reload();
            }}
          />
        </div>
      ) : null}
      <PagedItems paged={paged} empty={t('console.warnings.empty')}>
        {(data) => (
          <ul className="console-list" aria-label={t('console.warnings.listLabel')}>
            {data.items.map((w) => (
              <WarningCard key={w.id} w={w} office={office} onChanged={paged.load.reload} />
            ))}
          </ul>
        )}
      </PagedItems>
    </section>
  );
}
