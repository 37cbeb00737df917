import { TEAM_MAP_STATUSES, WARNING_LEVELS, WARNING_LEVEL_LABELS } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { TEAM_STATUS_COLOURS, WARNING_COLOURS } from './colours.ts';

/** What the colours mean: warning levels 红橙黄蓝 and team statuses. */
export function MapLegend() {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  return (
    <section className="map-legend" aria-labelledby="map-legend-title">
      <h2 id="map-legend-title">{t('map.legend')}</h2>
      <p className="legend-heading">{t('map.layer.warnings')}</p>
      <ul>
        {WARNING_LEVELS.map((l) => (
          <li key={l}>
            <span
              className="swatch swatch-area"
              style={{ background: WARNING_COLOURS[l] }}
              aria-hidden="true"
            />
            {WARNING_LEVEL_LABELS[l][lang]}
          </li>
        ))}
      </ul>
      <p className="legend-heading">{t('map.legend.teams')}</p>
      <ul>
        {[...TEAM_MAP_STATUSES, 'unknown' as const].map((s) => (
          <li key={s}>
            <span
              className="swatch"
              style={{ background: TEAM_STATUS_COLOURS[s] }}
              aria-hidden="true"
            />
            {t(`map.team.status.${s}` as MessageKey)}
          </li>
        ))}
        <li>
          <span className="swatch swatch-ring" aria-hidden="true" />
          {t('map.legend.coarse')}
        </li>
      </ul>
    </section>
  );
}
