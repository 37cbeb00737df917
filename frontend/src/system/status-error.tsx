import type { FetchFailure } from '../api/fetch-json.ts';
import { useLocale, useT } from '../i18n/i18n.tsx';

type ServerFailure = Extract<FetchFailure, { kind: 'server' }>;

/** The server's own message in both languages: the reader's first, the other beneath it. */
function ServerMessage({ failure }: { failure: ServerFailure }) {
  const { locale } = useLocale();
  const t = useT();
  const { message, messageZh, requestId } = failure.error;
  const zhFirst = locale === 'zh-CN';
  return (
    <>
      <p lang={zhFirst ? 'zh-CN' : 'en'}>{zhFirst ? messageZh : message}</p>
      <p className="secondary-language" lang={zhFirst ? 'en' : 'zh-CN'}>
        {zhFirst ? message : messageZh}
      </p>
      {requestId ? <p className="muted">{t('status.error.requestId', { id: requestId })}</p> : null}
    </>
  );
}

function FailureText({ failure }: { failure: FetchFailure }) {
  const t = useT();
  switch (failure.kind) {
    case 'server':
      return <ServerMessage failure={failure} />;
    case 'network':
      return <p>{t('status.error.network')}</p>;
    case 'timeout':
      return <p>{t('status.error.timeout', { seconds: failure.seconds })}</p>;
    case 'http':
      return <p>{t('status.error.http', { status: failure.status })}</p>;
    case 'invalid':
      return <p>{t('status.error.invalid', { detail: failure.detail })}</p>;
  }
}

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
