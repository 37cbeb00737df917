import { ZLedger } from '@muster/contracts';
import { useCallback } from 'react';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { useConsoleApi } from './api.ts';
import { yuanText } from './money.ts';
import { Loaded } from './states.tsx';
import { useLoad } from './use-load.ts';

/** 征用台账: orders and items by status, overdue items, and what compensation is owed and paid. */
export function RequisitionLedger() {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const load = useLoad(
    useCallback(
      (signal: AbortSignal) => api.get('/api/requisition/ledger?exercise=exclude', ZLedger, signal),
      [api],
    ),
  );
  return (
    <section className="console-section" aria-labelledby="ledger-title">
      <h2 id="ledger-title">{t('console.ledger.title')}</h2>
      <Loaded load={load} reload={load.reload}>
        {(l) => (
          <>
            <dl className="facts console-facts">
              <dt>{t('console.ledger.requested')}</dt>
              <dd>{l.orders.requested ?? 0}</dd>
              <dt>{t('console.ledger.issued')}</dt>
              <dd>{l.orders.issued ?? 0}</dd>
              <dt>{t('console.ledger.inUse')}</dt>
              <dd>{l.items.in_use ?? 0}</dd>
              <dt>{t('console.ledger.overdue')}</dt>
              <dd className={l.overdueItems > 0 ? 'deadline-overdue' : undefined}>
                {l.overdueItems}
              </dd>
              <dt>{t('console.ledger.claims')}</dt>
              <dd>{l.overall.claims}</dd>
              <dt>{t('console.ledger.decided')}</dt>
              <dd>{yuanText(l.overall.decidedFen, locale)}</dd>
              <dt>{t('console.ledger.paid')}</dt>
              <dd>{yuanText(l.overall.paidFen, locale)}</dd>
              <dt>{t('console.ledger.outstanding')}</dt>
              <dd>{yuanText(l.overall.outstandingFen, locale)}</dd>
              <dt>{t('console.ledger.objections')}</dt>
              <dd>{l.openObjections}</dd>
            </dl>
            <p className="console-actions">
              <a href="/api/requisition/ledger/export?format=csv&exercise=exclude" download>
                {t('console.ledger.exportCsv')}
              </a>
              <a href="/api/requisition/ledger/export?format=xlsx&exercise=exclude" download>
                {t('console.ledger.exportXlsx')}
              </a>
            </p>
          </>
        )}
      </Loaded>
    </section>
  );
}
