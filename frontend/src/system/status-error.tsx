import type { FetchFailure } from '../api/fetch-json.ts';
import { FailureText } from '../api/failure-text.tsx';
import { useT } from '../i18n/i18n.tsx';

/** Why the status could not be read, and that the page keeps trying. */
export function StatusError({
  failure,
  staleSince,
}: {
  failure: FetchFailure;
  staleSince?: string;
}) {
  const t = useT();
  return (
    <div className="notice notice-error" role="alert">
      <h2 className="notice-title">{t('status.error.title')}</h2>
      <FailureText failure={failure} />
      <p className="muted">
        {t('status.error.retry')}
        {staleSince ? ` ${t('status.error.stale', { time: staleSince })}` : ''}
      </p>
    </div>
  );
}
