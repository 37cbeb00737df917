import { useLocale, useT } from '../i18n/i18n.tsx';
import type { FetchFailure } from './fetch-json.ts';

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
      {requestId ? <p className="muted">{t('error.requestId', { id: requestId })}</p> : null}
    </>
  );
}

/** Why a request failed, in words a user can act on. */
export function FailureText({ failure }: { failure: FetchFailure }) {
  const t = useT();
  switch (failure.kind) {
    case 'server':
      return <ServerMessage failure={failure} />;
    case 'network':
      return <p>{t('error.network')}</p>;
    case 'timeout':
      return <p>{t('error.timeout', { seconds: failure.seconds })}</p>;
    case 'http':
      return <p>{t('error.http', { status: failure.status })}</p>;
    case 'invalid':
      return <p>{t('error.invalid', { detail: failure.detail })}</p>;
  }
}
