import type { ReactNode, SelectHTMLAttributes } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { FailureText } from '../api/failure-text.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { daysUntil, expiryState } from './expiry.ts';

/** A `{ zh, en }` label from contracts in the page's language. */
export function useLabel(): (l: { zh: string; en: string }) => string {
  const { locale } = useLocale();
  return (l) => (locale === 'zh-CN' ? l.zh : l.en);
}

/** A failed request, said so that a user can act on it; `role="alert"` announces it. */
export function ErrorNotice({ failure, title }: { failure: FetchFailure; title?: string }) {
  return (
    <div className="notice notice-error" role="alert">
      {title ? <p className="notice-title">{title}</p> : null}
      <FailureText failure={failure} />
    </div>
  );
}

/** Loading, failed or empty, for a section whose data is not there to show. */
export function LoadState({
  loading,
  failure,
  onRetry,
}: {
  loading: boolean;
  failure: FetchFailure | undefined;
  onRetry: () => void;
}) {
  const t = useT();
  if (failure)
    return (
      <div className="notice notice-error" role="alert">
        <FailureText failure={failure} />
        <button type="button" onClick={onRetry}>
          {t('portal.retry')}
        </button>
      </div>
    );
  return loading ? (
    <p className="notice" role="status">
      {t('portal.loading')}
    </p>
  ) : null;
}

/** How near an end date is: expired in red, within 30 days in amber, with the days left. */
export function ExpiryBadge({ day }: { day: string }) {
  const t = useT();
  const state = expiryState(day);
  const days = daysUntil(day);
  const text =
    state === 'expired'
      ? t('portal.expiry.expired', { day })
      : state === 'soon'
        ? t('portal.expiry.soon', { day, days })
        : t('portal.expiry.valid', { day });
  return <span className={`expiry expiry-${state}`}>{text}</span>;
}

/** A labelled select with its error tied to it, like `FormField`. */
export function SelectField({
  id,
  label,
  error,
  children,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  id: string;
  label: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

/** The 演练 mark of an exercise, in both languages' words, never colour alone. */
export function ExerciseBadge() {
  const t = useT();
  return <span className="exercise-badge">{t('portal.exercise')}</span>;
}
