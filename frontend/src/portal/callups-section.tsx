import { ASSIGNMENT_STATUS_LABELS } from '@muster/contracts';
import type { TMyCallup } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { instantText } from '../map/time-text.ts';
import { AlertCard } from './alert-card.tsx';
import { DeploymentCard } from './deployment-card.tsx';
import { ExerciseBadge, LoadState, useLabel } from './parts.tsx';
import { useMyCallups } from './use-my-callups.ts';

function PastCallups({ items }: { items: TMyCallup[] }) {
  const t = useT();
  const label = useLabel();
  const { locale } = useLocale();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="past-callups">
      <h3 id="past-callups">{t('portal.callups.past')}</h3>
      <ul className="plain-list">
        {items.map((i) => (
          <li key={i.callup.id}>
            {i.callup.exercise ? <ExerciseBadge /> : null}{' '}
            <strong>{i.callup.incidentTitle ?? t('portal.callup.untitled')}</strong> ·{' '}
            {label(ASSIGNMENT_STATUS_LABELS[i.row.status])} ·{' '}
            {instantText(i.row.answeredAt ?? i.row.alertedAt, locale)}
            {i.row.declineReason ? (
              <span className="muted">
                {' '}
                · {t('portal.callups.reason', { reason: i.row.declineReason })}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The team's call-ups: alerts to answer first (live: a push of the team's board row reloads
 * them), then deployments under way, then the past.
 */
export function CallupsSection({ teamId, leader }: { teamId: string; leader: boolean }) {
  const t = useT();
  const { data, failure, loading, reload } = useMyCallups(teamId);
  const items = data?.items ?? [];
  const waiting = items.filter((i) => i.awaitingAnswer);
  const active = items.filter((i) => i.row.status === 'accepted');
  const past = items.filter((i) => !i.awaitingAnswer && i.row.status !== 'accepted');
  return (
    <>
      {!data || failure ? <LoadState loading={loading} failure={failure} onRetry={reload} /> : null}
      {/* A new alert is announced wherever the reader is on the page. */}
      <div aria-live="assertive" className="visually-hidden">
        {waiting.length > 0 ? t('portal.callups.waitingCount', { count: waiting.length }) : ''}
      </div>
      {data ? (
        <>
          {waiting.length > 0 ? (
            <section aria-labelledby="waiting-callups" className="callup-group">
              <h3 id="waiting-callups">{t('portal.callups.waiting')}</h3>
              {waiting.map((i) => (
                <AlertCard
                  key={i.callup.id}
                  item={i}
                  teamId={teamId}
                  leader={leader}
                  onAnswered={reload}
                />
              ))}
            </section>
          ) : null}
          {active.length > 0 ? (
            <section aria-labelledby="active-callups" className="callup-group">
              <h3 id="active-callups">{t('portal.callups.active')}</h3>
              {active.map((i) => (
                <DeploymentCard key={i.callup.id} item={i} teamId={teamId} onChanged={reload} />
              ))}
            </section>
          ) : null}
          {waiting.length === 0 && active.length === 0 ? (
            <p className="empty">{t('portal.callups.none')}</p>
          ) : null}
          <PastCallups items={past} />
        </>
      ) : null}
    </>
  );
}
