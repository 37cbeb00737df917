import { ITEM_KIND_LABELS, ORDER_STATUSES, ZOrder, ZOrderList } from '@muster/contracts';
import type { OrderStatus, TOrder } from '@muster/contracts';
import { useCallback, useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { query, serverFieldErrors, useConsoleApi } from './api.ts';
import { SelectField, TextAreaField } from './fields.tsx';
import { label, timeText } from './labels.ts';
import { RequisitionLedger } from './requisition-ledger.tsx';
import { isOffice } from './roles.ts';
import { Empty, FormFailure, Loaded, Pager } from './states.tsx';
import { useCursorPages, useEvery, useLoad } from './use-load.ts';

const PAGE_SIZE = 20;
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
  const [reason, setReason] = useState('');
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
        <form
          className="console-inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(`${base}/reject`, { reason });
          }}
        >
          <TextAreaField
            id={`reject-${order.id}`}
            label={t('console.response.reason')}
            value={reason}
            error={errors.reason}
            rows={2}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="console-actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {t('console.requisition.confirmReject')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

/** 征用: orders awaiting approval (and all others), and the ledger. */
export function RequisitionPage() {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const { account } = useSession();
  const office = isOffice(account.role) || account.role === 'commander';
  const [status, setStatus] = useState<OrderStatus | ''>('requested');
  const pages = useCursorPages();
  const fetcher = useCallback(
    (signal: AbortSignal) =>
      api.get(
        `/api/requisition/orders${query({ limit: PAGE_SIZE, cursor: pages.cursor, status: status || undefined })}`,
        ZOrderList,
        signal,
      ),
    [api, pages.cursor, status],
  );
  const load = useLoad(fetcher);
  useEvery(REFRESH_MS, load.reload);
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{t('console.requisition.title')}</PageTitle>
      <p className="lead">{t('console.requisition.intro')}</p>
      <div className="console-toolbar">
        <SelectField
          id="order-status-filter"
          label={t('console.filter.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as OrderStatus | '');
            pages.reset();
          }}
          options={[
            { value: '', label: t('console.filter.all') },
            ...ORDER_STATUSES.map((s) => ({
              value: s,
              label: t(`console.requisition.status.${s}`),
            })),
          ]}
        />
      </div>
      <Loaded load={load} reload={load.reload}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('console.requisition.empty')}</Empty>
          ) : (
            <>
              <ul className="console-list" aria-label={t('console.requisition.title')}>
                {data.items.map((o) => (
                  <li key={o.id} className="console-card">
                    <div className="console-card-head">
                      <h3>{o.purpose}</h3>
                      <span className="status-tag">
                        {t(`console.requisition.status.${o.status}`)}
                      </span>
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
                      <Decision order={o} onDone={load.reload} />
                    ) : null}
                  </li>
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
      <RequisitionLedger />
    </section>
  );
}
