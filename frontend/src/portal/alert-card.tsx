import { ZCallupBoardRow } from '@muster/contracts';
import type { TMyCallup } from '@muster/contracts';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { FormField } from '../forms/form-field.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { instantText } from '../map/time-text.ts';
import { usePortalApi } from './api.ts';
import { useSubmit } from './use-submit.ts';
import { CallupHeading, CallupOrder } from './callup-order.tsx';
import { TextAreaField } from '../forms/fields.tsx';
import { ErrorNotice } from './parts.tsx';

/** Minutes and seconds until the answer deadline, ticking once a second. */
function useTimeLeft(deadline: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((Date.parse(deadline) - now) / 1000));
}

function Deadline({ deadline }: { deadline: string }) {
  const t = useT();
  const { locale } = useLocale();
  const left = useTimeLeft(deadline);
  const mm = String(Math.floor(left / 60));
  const ss = String(left % 60).padStart(2, '0');
  return (
    <p className={left < 120 ? 'deadline deadline-near' : 'deadline'}>
      {t('portal.alert.deadline', { time: instantText(deadline, locale) })}{' '}
      {/* Read out on demand, not every second: the countdown is not a live region. */}
      <strong>{left > 0 ? t('portal.alert.left', { mm, ss }) : t('portal.alert.passed')}</strong>
    </p>
  );
}

/**
 * A call-up alert waiting for the team's answer: the order, the deadline, and for the leader
 * the two answers — accept with the number of people, or decline with the reason.
 */
export function AlertCard({
  item,
  teamId,
  leader,
  onAnswered,
}: {
  item: TMyCallup;
  teamId: string;
  leader: boolean;
  onAnswered: () => void;
}) {
  const t = useT();
  const api = usePortalApi();
  const [people, setPeople] = useState('');
  const [reason, setReason] = useState('');
  const { pending, failure, errors, setErrors, run } = useSubmit();
  const id = `alert-${item.callup.id}`;

  const send = (body: unknown) => {
    const url = `/api/forces/callups/${item.callup.id}/teams/${teamId}/answer`;
    void run(() => api('POST', url, ZCallupBoardRow, body), onAnswered);
  };
  const accept = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(people);
    if (!Number.isInteger(n) || n < 1) return setErrors({ people: t('portal.alert.peopleNeeded') });
    send({ answer: 'accept', people: n });
  };
  const decline = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 2) return setErrors({ reason: t('portal.alert.reasonNeeded') });
    send({ answer: 'decline', reason: reason.trim() });
  };

  return (
    <article
      className={item.callup.exercise ? 'callup-alert callup-exercise' : 'callup-alert'}
      aria-labelledby={id}
      data-testid="callup-alert"
    >
      <p className="callup-kicker">{t('portal.alert.kicker')}</p>
      <CallupHeading item={item} id={id} />
      <Deadline deadline={item.row.ackDeadline} />
      <CallupOrder item={item} />
      {failure ? <ErrorNotice failure={failure} title={t('portal.alert.failed')} /> : null}
      {leader ? (
        <div className="answer-forms">
          <form className="form" onSubmit={accept} noValidate>
            <FormField
              id={`${id}-people`}
              label={t('portal.alert.people')}
              hint={t('portal.alert.peopleHint')}
              error={errors.people}
              type="number"
              inputMode="numeric"
              min={1}
              value={people}
              onChange={(e) => setPeople(e.target.value)}
            />
            <button type="submit" className="button-primary" aria-disabled={pending}>
              {t('portal.alert.accept')}
            </button>
          </form>
          <form className="form" onSubmit={decline} noValidate>
            <TextAreaField
              id={`${id}-reason`}
              label={t('portal.alert.reason')}
              hint={t('portal.alert.reasonHint')}
              error={errors.reason}
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="submit" className="button-secondary" aria-disabled={pending}>
              {t('portal.alert.decline')}
            </button>
          </form>
        </div>
      ) : (
        <p className="notice notice-info">{t('portal.alert.leaderAnswers')}</p>
      )}
    </article>
  );
}
