import { useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';

/** 指挥地图: a placeholder until the modules bring incidents, warnings and teams to show. */
export function CommandMapPage() {
  const t = useT();
  return (
    <>
      <PageTitle>{t('map.title')}</PageTitle>
      <p className="notice placeholder">{t('map.placeholder')}</p>
    </>
  );
}
