import { ITEM_KIND_LABELS, ZOrder } from '@muster/contracts';
import type { TOrder } from '@muster/contracts';
import { useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { serverFieldErrors, useConsoleApi } from './api.ts';
import { label, timeText } from './labels.ts';
import { ReasonForm } from './reason-form.tsx';
import { FormFailure } from './states.tsx';

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

/**
 * One requisition order: purpose, status, requesting unit, owner (as the policy shows it),
 * period, certificate, items; approve or reject it when `canDecide` and it awaits approval.
 */
export function OrderCard({
  order: o,
  canDecide,
  onChanged,
  highlighted = false,
}: {
  order: TOrder;
  canDecide: boolean;
  onChanged: () => void;
  /** The order just requested from this page. */
  highlighted?: boolean;
}) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <li
      className={highlighted ? 'console-card console-card-new' : 'console-card'}
      data-order-id={o.id}
      aria-labelledby={`order-${o.id}`}
    >
      <div className="console-card-head">
        <h3 id={`order-${o.id}`}>{o.purpose}</h3>
        <span className="status-tag">{t(`console.requisition.status.${o.status}`)}</span>
        {o.exercise ? <span className="exercise-tag">{t('console.exercise')}</span> : null}
      </div>
      <dl className="facts console-facts">
        <dt>{t('console.requisition.unit')}</dt>
        <dd>{o.requestingUnit}</dd>
        <dt>{t('console.requisition.owner')}</dt>
        <dd>{ownerText(o.owner)}</dd>
        <dt>{t('console.requisition.period')}</dt>
        <dd>
          {timeText(o.expectedPeriod.from, locale)} – {timeText(o.expectedPeriod.until, locale)}
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
            {label(ITEM_KIND_LABELS[i.kind], locale)}：{i.description} × {i.quantity} {i.unit}
            {i.overdueAt ? (
              <strong className="deadline-overdue"> {t('console.deadline.overdue')}</strong>
            ) : null}
          </li>
        ))}
      </ul>
      {canDecide && o.status === 'requested' ? <Decision order={o} onDone={onChanged} /> : null}
    </li>
  );
}
