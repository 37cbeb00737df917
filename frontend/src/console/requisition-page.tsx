import { ITEM_KIND_LABELS, ORDER_STATUSES, ZOrder, ZOrderList } from '@muster/contracts';
import type { OrderStatus, TOrder } from '@muster/contracts';
import { useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { serverFieldErrors, useConsoleApi } from './api.ts';
import { ReasonForm } from './reason-form.tsx';
import { label, timeText } from './labels.ts';
import { RequisitionLedger } from './requisition-ledger.tsx';
import { isOffice } from './roles.ts';
import { FormFailure } from './states.tsx';
import { PagedItems, StatusFilter, usePaged } from './paged.tsx';

const REFRESH_MS = 30_000;

function ownerText(o: TOrder['owner']): string {
  return [o.unitName, o.name, o.phone].filter(Boolean).join(' · ') || '—';
}

/** Approve (never one's own request: four eyes) or reject a requested order. */
function Decision({ order, onDone }: { order: TOrder; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const { account } = useSession();
  const [rejecting, setRejecting] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/requisition/orders/${order.id}`;
  const run = async (url: string, body?: unknown) => {
    setBusy(true);
    setFailure(null);
    const r = await api.send('POST', url, ZOrder, body);
    setBusy(false);
    if (!r.ok) {
      setErrors(serverFieldErrors(r.failure, locale));
      return setFailure(r.failure);
    }
    onDone();
  };
  const own = order.requestedBy === account.id;
  return (
    <div className="console-row-actions">
      <div className="console-actions">
        <button
          type="button"
          className="button-primary"
          disabled={busy}
          onClick={() => void run(`${base}/approve`)}
          aria-describedby={own ? `own-order-${order.id}` : undefined}
        >
          {t('console.requisition.approve')}
        </button>
        <button
          type="button"
          className="console-button"
          aria-expanded={rejecting}
          onClick={() => setRejecting((r) => !r)}
        >
          {t('console.requisition.reject')}
        </button>
      </div>
      {own ? (
        <p id={`own-order-${order.id}`} className="field-hint">
          {t('console.requisition.fourEyes')}
        </p>
      ) : null}
      <FormFailure failure={failure} fields={errors} />
      {rejecting ? (
        <ReasonForm
          id={`reject-${order.id}`}
          error={errors.reason}
          busy={busy}
          confirm={t('console.requisition.confirmReject')}
          onConfirm={(reason) => void run(`${base}/reject`, { reason })}
          onCancel={() => setRejecting(false)}
        />
      ) : null}
    </div>
  );
}

/** 征用: orders awaiting approval (and all others), and the ledger. */
export function RequisitionPage() {
  const t = useT();
  const { locale } = useLocale();
  const { account } = useSession();
  const office = isOffice(account.role) || account.role === 'commander';
  const [status, setStatus] = useState<OrderStatus | ''>('requested');
  const paged = usePaged(
    ZOrderList,
    '/api/requisition/orders',
    { status: status || undefined },
    REFRESH_MS,
  );
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{t('console.requisition.title')}</PageTitle>
      <p className="lead">{t('console.requisition.intro')}</p>
      <div className="console-toolbar">
        <StatusFilter
          id="order-status-filter"
          value={status}
          values={ORDER_STATUSES}
          labelOf={(s) => t(`console.requisition.status.${s}`)}
          onChange={setStatus}
          paged={paged}
        />
      </div>
      <PagedItems paged={paged} empty={t('console.requisition.empty')}>
        {(data) => (
          <ul className="console-list" aria-label={t('console.requisition.title')}>
            {data.items.map((o) => (
              <li key={o.id} className="console-card">
                <div className="console-card-head">
                  <h3>{o.purpose}</h3>
                  <span className="status-tag">{t(`console.requisition.status.${o.status}`)}</span>
                  {o.exercise ? (
                    <span className="exercise-tag">{t('console.exercise')}</span>
                  ) : null}
                </div>
                <dl className="facts console-facts">
                  <dt>{t('console.requisition.unit')}</dt>
                  <dd>{o.requestingUnit}</dd>
                  <dt>{t('console.requisition.owner')}</dt>
                  <dd>{ownerText(o.owner)}</dd>
                  <dt>{t('console.requisition.period')}</dt>
                  <dd>
                    {timeText(o.expectedPeriod.from, locale)} –{' '}
                    {timeText(o.expectedPeriod.until, locale)}
                  </dd>
                  {o.certificateNumber ? (
                    <>
                      <dt>{t('console.requisition.certificate')}</dt>
                      <dd>
                        <a
                          href={`/api/requisition/orders/${o.id}/certificate`}
                          target="_blank"
                          rel="noreferrer"
                        >
                          {o.certificateNumber}
                        </a>
                      </dd>
                    </>
                  ) : null}
                  {o.rejectionReason ? (
                    <>
                      <dt>{t('console.requisition.rejectedBecause')}</dt>
                      <dd>{o.rejectionReason}</dd>
                    </>
                  ) : null}
                </dl>
                <ul>
                  {o.items.map((i) => (
                    <li key={i.id}>
                      {label(ITEM_KIND_LABELS[i.kind], locale)}：{i.description} × {i.quantity}{' '}
                      {i.unit}
                      {i.overdueAt ? (
                        <strong className="deadline-overdue">
                          {' '}
                          {t('console.deadline.overdue')}
                        </strong>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {office && o.status === 'requested' ? (
                  <Decision order={o} onDone={paged.load.reload} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </PagedItems>
      <RequisitionLedger />
    </section>
  );
}
