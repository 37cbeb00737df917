import type { TMapPosition } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useLiveMap } from '../realtime/realtime-context.tsx';
import { HIDDEN_FIELDS, fieldLabel, valueText } from './item-values.ts';
import type { Selection } from './map-context.ts';
import { instantText, sinceText } from './time-text.ts';

const LAYER_TITLES: Record<string, MessageKey> = {
  warnings: 'map.layer.warnings',
  incidents: 'map.layer.incidents',
  teams: 'map.layer.teams',
  risk_points: 'map.layer.riskPoints',
  monitoring_points: 'map.layer.monitoringPoints',
  requisitions: 'map.layer.requisitions',
};

function PositionRows({ p }: { p: TMapPosition }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <>
      <dt>{t('map.position.precision')}</dt>
      <dd>{p.precision === 'exact' ? t('map.position.exact') : t('map.position.coarse')}</dd>
      <dt>{t('map.position.at')}</dt>
      <dd>
        {p.lat.toFixed(p.precision === 'exact' ? 5 : 2)},{' '}
        {p.lon.toFixed(p.precision === 'exact' ? 5 : 2)}
        {p.accuracyM !== undefined ? ` (±${Math.round(p.accuracyM)} m)` : ''}
      </dd>
      <dt>{t('map.position.reportedAt')}</dt>
      <dd>
        {instantText(p.reportedAt, locale)} · {sinceText(p.reportedAt, locale)}
      </dd>
    </>
  );
}

/**
 * The details of the selected item exactly as the server projected them for this viewer: a
 * field the policy dropped is simply absent, a masked one shows masked.
 */
export function ItemPanel({ selected, onClose }: { selected: Selection; onClose: () => void }) {
  const t = useT();
  // Every frame's positions: the panel shows the selected team's latest report.
  const view = useLiveMap();
  const { locale } = useLocale();
  const entry = view.layers.get(selected.layer)?.get(selected.id);
  const position =
    selected.layer === 'teams'
      ? (view.positions.get(`${selected.id}|exact`) ?? view.positions.get(`${selected.id}|coarse`))
      : undefined;
  const title =
    (entry?.data.title as string | undefined) ??
    (entry?.data.headline as string | undefined) ??
    (entry?.data.name as string | undefined) ??
    (entry?.data.description as string | undefined) ??
    t('map.team.unnamed');
  return (
    <section className="item-panel" aria-labelledby="item-panel-title">
      <div className="item-panel-head">
        <p className="item-panel-layer">{t(LAYER_TITLES[selected.layer] ?? 'map.layer.other')}</p>
        <button type="button" className="link-button" onClick={onClose}>
          {t('map.panel.close')}
        </button>
      </div>
      <h2 id="item-panel-title" tabIndex={-1}>
        {title}
      </h2>
      {entry?.exercise ? <p className="exercise-tag">{t('map.exercise.item')}</p> : null}
      {!entry && !position ? (
        <p className="muted">{t('map.panel.gone')}</p>
      ) : (
        <dl className="item-fields">
          {Object.entries(entry?.data ?? {})
            .filter(([k]) => !HIDDEN_FIELDS.has(k))
            .map(([k, v]) => (
              <div key={k} className="item-field">
                <dt>{fieldLabel(k, t)}</dt>
                <dd>{valueText(selected.layer, k, v, t, locale)}</dd>
              </div>
            ))}
          {position ? (
            <div className="item-field">
              <PositionRows p={position} />
            </div>
          ) : null}
        </dl>
      )}
      <p className="muted">{t('map.panel.projected')}</p>
    </section>
  );
}
