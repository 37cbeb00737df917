import { ZCallupList } from '@muster/contracts';
import { useState } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { CallupForm } from './callup-form.tsx';
import { ConsoleLink } from './console-link.tsx';
import { goTo } from './console-route.ts';
import { timeText } from './labels.ts';
import { NeedProgress } from './need-progress.tsx';
import { PagedItems, usePaged } from './paged.tsx';

const REFRESH_MS = 15_000;

/** 力量调用: call-up orders with how far each need is filled, and a new order with its matching. */
export function CallupsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { account } = useSession();
  const canOrder = account.role === 'duty_officer' || account.role === 'commander';
  const [ordering, setOrdering] = useState(false);
  const paged = usePaged(ZCallupList, '/api/forces/callups', {}, REFRESH_MS);
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{t('console.callups.title')}</PageTitle>
      <p className="lead">{t('console.callups.intro')}</p>
      {canOrder ? (
        <div className="console-toolbar">
          <button
            type="button"
            className="button-primary"
            aria-expanded={ordering}
            onClick={() => setOrdering((o) => !o)}
          >
            {ordering ? t('console.cancel') : t('console.callups.new')}
          </button>
        </div>
      ) : null}
      {ordering ? <CallupForm onCreated={(c) => goTo('callups', c.id)} /> : null}
      <PagedItems paged={paged} empty={t('console.callups.empty')}>
        {(data) => (
          <ul className="console-list" aria-label={t('console.callups.title')}>
            {data.items.map((c) => (
              <li key={c.id} className="console-card">
                <div className="console-card-head">
                  <h3>
                    <ConsoleLink section="callups" id={c.id}>
                      {c.incidentTitle ?? t('console.callups.untitled')}
                    </ConsoleLink>
                  </h3>
                  <span className="status-tag">
                    {c.status === 'open'
                      ? c.filled
                        ? t('console.callups.filled')
                        : t('console.callups.open')
                      : t('console.callups.closed')}
                  </span>
                  {c.exercise ? (
                    <span className="exercise-tag">{t('console.exercise')}</span>
                  ) : null}
                </div>
                <p>{c.task}</p>
                <NeedProgress needs={c.needs} />
                <p className="muted">
                  {t('console.callups.requestedAt', { time: timeText(c.requestedAt, locale) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </PagedItems>
    </section>
  );
}
