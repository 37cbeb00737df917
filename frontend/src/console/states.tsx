import type { ReactNode } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { FailureText } from '../api/failure-text.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { Load } from './use-load.ts';

/** Loading, error (with a retry) or the content for the data. */
export function Loaded<T>({
  load,
  reload,
  children,
}: {
  load: Load<T>;
  reload: () => void;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  switch (load.phase) {
    case 'loading':
      return (
        <p className="notice" role="status">
          {t('console.loading')}
        </p>
      );
    case 'error':
      return <ErrorNotice failure={load.failure} onRetry={reload} />;
    case 'ready':
      return <>{children(load.data)}</>;
  }
}

export function ErrorNotice({ failure, onRetry }: { failure: FetchFailure; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="notice notice-error" role="alert">
      <FailureText failure={failure} />
      {onRetry ? (
        <button type="button" className="console-button" onClick={onRetry}>
          {t('console.retry')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * A refused form: when the server named fields, a short alert pointing at them (each message
 * stands by its field); otherwise the whole failure.
 */
export function FormFailure({
  failure,
  fields,
}: {
  failure: FetchFailure | null;
  fields: Record<string, string>;
}) {
  const t = useT();
  if (!failure) return null;
  const count = Object.keys(fields).length;
  if (count === 0) return <ErrorNotice failure={failure} />;
  return (
    <div className="notice notice-error" role="alert">
      <p>{t('console.fixFields', { count })}</p>
    </div>
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="empty">{children}</p>;
}

/** Previous / next page buttons for a cursor-paged list. */
export function Pager({
  page,
  nextCursor,
  onNext,
  onPrevious,
}: {
  page: number;
  nextCursor: string | null;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}) {
  const t = useT();
  if (page === 1 && !nextCursor) return null;
  return (
    <nav className="console-pager" aria-label={t('console.pager.label')}>
      <button type="button" className="console-button" disabled={page === 1} onClick={onPrevious}>
        {t('console.pager.previous')}
      </button>
      <span>{t('console.pager.page', { page })}</span>
      <button
        type="button"
        className="console-button"
        disabled={!nextCursor}
        onClick={() => nextCursor && onNext(nextCursor)}
      >
        {t('console.pager.next')}
      </button>
    </nav>
  );
}
