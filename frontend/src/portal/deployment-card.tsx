import { DEPLOYMENT_STATUS_LABELS, ZCallupBoardRow } from '@muster/contracts';
import type { TMyCallup } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { instantText } from '../map/time-text.ts';
import { usePortalApi } from './api.ts';
import { useSubmit } from './use-submit.ts';
import { CallupHeading, CallupOrder } from './callup-order.tsx';
import { ErrorNotice, useLabel } from './parts.tsx';
import { PositionShare } from './position-share.tsx';

type Next = 'en_route' | 'working' | 'returning';

/**
 * An accepted call-up: check in at the rally point, report the deployment status, share the
 * position. Before check-in the team may say it is en route; after it, working and returning.
 */
export function DeploymentCard({
  item,
  teamId,
  onChanged,
}: {
  item: TMyCallup;
  teamId: string;
  onChanged: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { locale } = useLocale();
  const api = usePortalApi();
  const { pending, failure, run } = useSubmit();
  const row = item.row;
  const base = `/api/forces/callups/${item.callup.id}/teams/${teamId}`;
  const id = `deployment-${item.callup.id}`;
  const checkedIn = row.checkedInAt !== null;
  const closed = item.callup.status === 'closed';

  const act = (path: string, body: unknown) =>
    run(() => api('POST', `${base}/${path}`, ZCallupBoardRow, body), onChanged);
  const statuses: Next[] = checkedIn ? ['working', 'returning'] : ['en_route'];

  return (
    <article
      className={item.callup.exercise ? 'callup-active callup-exercise' : 'callup-active'}
      aria-labelledby={id}
      data-testid="callup-active"
    >
      <CallupHeading item={item} id={id} />
      <p className="deployment-now">
        {t('portal.deploy.status')}{' '}
        <strong>
          {row.deployment
            ? label(DEPLOYMENT_STATUS_LABELS[row.deployment])
            : t('portal.deploy.accepted')}
        </strong>
        {row.checkedInAt
          ? ` · ${t('portal.deploy.checkedInAt', { time: instantText(row.checkedInAt, locale) })}`
          : null}
      </p>
      {failure ? <ErrorNotice failure={failure} /> : null}
      {closed ? null : (
        <div className="deploy-actions" role="group" aria-label={t('portal.deploy.actions')}>
          {checkedIn ? null : (
            <button
              type="button"
              className="button-primary"
              aria-disabled={pending}
              onClick={() => void act('check-in', {})}
            >
              {t('portal.deploy.checkIn')}
            </button>
          )}
          {statuses.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={row.deployment === s}
              aria-disabled={pending}
              onClick={() => void act('status', { status: s })}
            >
              {label(DEPLOYMENT_STATUS_LABELS[s])}
            </button>
          ))}
        </div>
      )}
      <details>
        <summary>{t('portal.deploy.order')}</summary>
        <CallupOrder item={item} />
      </details>
      {closed ? null : <PositionShare incidentId={item.callup.incidentId} />}
    </article>
  );
}
