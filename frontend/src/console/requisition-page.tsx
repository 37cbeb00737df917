import { ORDER_STATUSES, ZOrderList } from '@muster/contracts';
import type { OrderStatus } from '@muster/contracts';
import { useState } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { OrderCard } from './order-card.tsx';
import { RequisitionLedger } from './requisition-ledger.tsx';
import { actsOnRequisitions } from './roles.ts';
import { PagedItems, StatusFilter, usePaged } from './paged.tsx';

const REFRESH_MS = 30_000;

/** 征用: orders awaiting approval (and all others), and the ledger. */
export function RequisitionPage() {
  const t = useT();
  const { account } = useSession();
  const officer = actsOnRequisitions(account.role);
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
      {officer ? <p className="muted">{t('console.requisition.whereToRequest')}</p> : null}
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
              <OrderCard key={o.id} order={o} canDecide={officer} onChanged={paged.load.reload} />
            ))}
          </ul>
        )}
      </PagedItems>
      <RequisitionLedger />
    </section>
  );
}
