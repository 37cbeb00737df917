import { useT } from '../i18n/i18n.tsx';
import { PageTitle } from './page-title.tsx';

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
    </>
  );
}
