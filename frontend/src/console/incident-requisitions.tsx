import { ZOrderList } from '@muster/contracts';
import type { TOrder } from '@muster/contracts';
import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { OrderCard } from './order-card.tsx';
import { PagedItems, usePaged } from './paged.tsx';
import { RequisitionForm } from './requisition-form.tsx';

/**
 * 征用 on an incident's page: the orders that serve it, and 申请征用 for those who may request
 * one (`canRequest`: the office, or its commander, while the response goes on). A new order
 * stands marked in the list, awaiting another official's approval.
 */
export function IncidentRequisitions({
  incidentId,
  canRequest,
  canDecide,
}: {
  incidentId: string;
  canRequest: boolean;
  canDecide: boolean;
}) {
  const t = useT();
  const [requesting, setRequesting] = useState(false);
  const [requested, setRequested] = useState<TOrder | null>(null);
  const paged = usePaged(ZOrderList, '/api/requisition/orders', { incidentId });
  // The list runs oldest first: a new order past its first page is shown on its own.
  const listed =
    paged.load.phase === 'ready' && paged.load.data.items.some((o) => o.id === requested?.id);
  return (
    <section className="console-section" aria-labelledby="incident-requisitions-title">
      <h2 id="incident-requisitions-title">{t('console.requisition.forIncident')}</h2>
      {canRequest ? (
        <div className="console-toolbar">
          <button
            type="button"
            className="button-primary"
            aria-expanded={requesting}
            onClick={() => setRequesting((r) => !r)}
          >
            {requesting ? t('console.cancel') : t('console.requisition.new')}
          </button>
        </div>
      ) : null}
      {requesting ? (
        <RequisitionForm
          incidentId={incidentId}
          onRequested={(o) => {
            setRequesting(false);
            setRequested(o);
            paged.load.reload();
          }}
        />
      ) : null}
      {requested ? (
        <p className="notice" role="status">
          {t('console.requisition.requested')}
        </p>
      ) : null}
      {requested && !listed ? (
        <ul className="console-list" aria-label={t('console.requisitionForm.title')}>
          <OrderCard
            order={requested}
            canDecide={false}
            onChanged={paged.load.reload}
            highlighted
          />
        </ul>
      ) : null}
      <PagedItems paged={paged} empty={t('console.requisition.noneForIncident')}>
        {(data) => (
          <ul className="console-list" aria-label={t('console.requisition.forIncident')}>
            {data.items.map((o) => (
              <OrderCard
                key={o.id}
                order={o}
                canDecide={canDecide}
                onChanged={paged.load.reload}
                highlighted={o.id === requested?.id}
              />
            ))}
          </ul>
        )}
      </PagedItems>
    </section>
  );
}
