import { RENEWAL_WINDOW_DAYS, TEAM_STATUS_LABELS, ZTeam } from '@muster/contracts';
import type { TTeam } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { instantText } from '../map/time-text.ts';
import { usePortalApi } from './api.ts';
import { useSubmit } from './use-submit.ts';
import { ErrorNotice, useLabel } from './parts.tsx';

const DAY_MS = 86_400_000;

/** The part of the filing a return reason names (`insurance.0`), in the form's own words. */
const FIELD_LABELS: Partial<Record<string, MessageKey>> = {
  name: 'portal.filing.name',
  kind: 'portal.filing.kind',
  creditCode: 'portal.filing.creditCode',
  base: 'portal.filing.address',
  serviceArea: 'portal.filing.serviceArea',
  leader: 'portal.filing.leaderName',
  contacts: 'portal.filing.leaderName',
  capabilities: 'portal.filing.capabilities',
  equipment: 'portal.filing.equipment',
  insurance: 'portal.tab.insurance',
  members: 'portal.tab.members',
};

/** The reader's half of a server text written `中文 / English`; the whole text otherwise. */
export function localHalf(text: string, zh: boolean): string {
  const parts = text.split(' / ');
  return parts.length === 2 ? (zh ? parts[0]! : parts[1]!) : text;
}

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
  const fieldName = (field: string) => {
    const [head, index] = field.split('.');
    const key = head ? FIELD_LABELS[head] : undefined;
    if (!key) return field;
    return /^\d+$/.test(index ?? '') ? `${t(key)} ${Number(index) + 1}` : t(key);
  };

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
                {r.field
                  ? t('portal.status.fieldReason', { field: fieldName(r.field), reason: r.reason })
                  : r.reason}
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
            <span aria-hidden="true">{c.ok ? '✓ ' : '✗ '}</span>
            {t(`portal.callable.${c.code}`)}
            {c.ok ? null : (
              <>
                {' — '}
                {t('portal.status.problem')}: {localHalf(c.detail, locale === 'zh-CN')}
              </>
            )}
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
