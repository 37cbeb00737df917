import { useLocale, useT } from '../i18n/i18n.tsx';
import { useLiveMap } from '../realtime/realtime-context.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { formatCount } from '../system/format.ts';

/** What the live connection holds for the map, until the map itself draws it. */
function LiveSummary() {
  const t = useT();
  const { locale } = useLocale();
  const { positions } = useLiveMap();
  if (positions.size === 0) return <p className="muted">{t('map.liveNone')}</p>;
  let exact = 0;
  for (const p of positions.values()) if (p.precision === 'exact') exact += 1;
  const n = (v: number) => formatCount(v, locale);
  return (
    <p className="muted">
      {t('map.live', { n: n(positions.size), exact: n(exact), coarse: n(positions.size - exact) })}
    </p>
  );
}

/** 指挥地图: a placeholder until the modules bring incidents, warnings and teams to show. */
export function CommandMapPage() {
  const t = useT();
  return (
    <>
      <PageTitle>{t('map.title')}</PageTitle>
      <p className="notice placeholder">{t('map.placeholder')}</p>
      <LiveSummary />
    </>
  );
}
