import { RENEWAL_WINDOW_DAYS, TEAM_STATUS_LABELS, ZTeam } from '@muster/contracts';
import type { TTeam } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { instantText } from '../map/time-text.ts';
import { usePortalApi } from './api.ts';
import { useSubmit } from './use-submit.ts';
import { ErrorNotice, useLabel } from './parts.tsx';

const DAY_MS = 86_400_000;

/** Whether the leader may hand the filing in now: first time, after a return or lapse, or a renewal. */
export function canSubmit(team: TTeam, nowMs = Date.now()): 'submit' | 'renew' | null {
  if (team.status === 'draft' || team.status === 'returned' || team.status === 'lapsed')
    return 'submit';
  if (
    team.status === 'approved' &&
    team.renewalSubmittedAt === null &&
    team.approvalExpiresAt !== null &&
    Date.parse(team.approvalExpiresAt) - nowMs <= RENEWAL_WINDOW_DAYS * DAY_MS
  )
    return 'renew';
  return null;
}

/**
 * Where the filing stands: its status, why it was returned (the office's reasons, each with the
 * part of the filing it is about), whether the team can be called today and why not, and the
 * button to hand it in for review.
 */
export function TeamStatus({
  team,
  leader,
  onChanged,
}: {
  team: TTeam;
  leader: boolean;
  onChanged: (t: TTeam) => void;
}) {
  const t = useT();
  const label = useLabel();
  const { locale } = useLocale();
  const api = usePortalApi();
  const { pending, failure, run } = useSubmit();
  const submit = canSubmit(team);

  const send = () =>
    run(() => api('POST', `/api/forces/teams/${team.id}/submit`, ZTeam), onChanged);

  return (
    <section className="panel team-status" aria-labelledby="team-status-title">
      <h3 id="team-status-title">{t('portal.status.title')}</h3>
      <p>
        <span className={`team-status-badge status-${team.status}`} data-testid="team-status">
          {label(TEAM_STATUS_LABELS[team.status])}
        </span>{' '}
        {team.submittedAt && team.status === 'submitted'
          ? t('portal.status.submittedAt', { time: instantText(team.submittedAt, locale) })
          : null}
        {team.approvalExpiresAt && team.status === 'approved'
          ? t('portal.status.approvedUntil', {
              time: instantText(team.approvalExpiresAt, locale),
            })
          : null}
      </p>
      {team.renewalSubmittedAt ? (
        <p className="muted">
          {t('portal.status.renewalUnderReview', {
            time: instantText(team.renewalSubmittedAt, locale),
          })}
        </p>
      ) : null}
      {team.statusReason ? (
        <p className="notice notice-error">
          {t('portal.status.reason', { reason: team.statusReason })}
        </p>
      ) : null}
      {team.status === 'returned' && team.returnReasons.length > 0 ? (
        <div className="notice notice-error" role="region" aria-labelledby="return-reasons">
          <p id="return-reasons" className="notice-title">
            {t('portal.status.returnReasons')}
          </p>
          <ul>
            {team.returnReasons.map((r, i) => (
              <li key={i}>
                {r.field ? <code>{r.field}</code> : null} {r.reason}
              </li>
            ))}
          </ul>
          <p>{t('portal.status.fixAndResubmit')}</p>
        </div>
      ) : null}
      <h4>{t('portal.status.callable')}</h4>
      <p>
        <strong className={team.callable ? 'tone-ok' : 'tone-bad'}>
          {team.callable ? t('portal.status.callableYes') : t('portal.status.callableNo')}
        </strong>{' '}
        · {t('portal.status.readiness', { grade: team.readiness })}
      </p>
      <ul className="plain-list">
        {team.callability.map((c) => (
          <li key={c.code} className={c.ok ? 'tone-ok' : 'tone-bad'}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> {t(`portal.callable.${c.code}`)}
            {c.ok ? '' : ` — ${t('portal.status.problem')}`}: <span>{c.detail}</span>
          </li>
        ))}
      </ul>
      {failure ? <ErrorNotice failure={failure} title={t('portal.status.submitFailed')} /> : null}
      {leader && submit ? (
        <button
          type="button"
          className="button-primary"
          aria-disabled={pending}
          onClick={() => void send()}
        >
          {submit === 'renew'
            ? t('portal.status.renew')
            : team.status === 'draft'
              ? t('portal.status.submit')
              : t('portal.status.resubmit')}
        </button>
      ) : null}
    </section>
  );
}
