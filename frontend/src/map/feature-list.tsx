import type { TTeamMapItem } from '@muster/contracts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import type { LiveMapView } from '../realtime/live-map.ts';
import type { Selection } from './map-context.ts';

/** Items listed per layer at most; the map holds the rest. */
const MAX_LISTED = 30;

const LISTED: { layer: string; title: MessageKey; name: (d: Record<string, unknown>) => string }[] =
  [
    { layer: 'incidents', title: 'map.layer.incidents', name: (d) => String(d.title) },
    { layer: 'warnings', title: 'map.layer.warnings', name: (d) => String(d.headline) },
    { layer: 'teams', title: 'map.layer.teams', name: (d) => (d as TTeamMapItem).name },
    {
      layer: 'monitoring_points',
      title: 'map.layer.monitoringPoints',
      name: (d) => String(d.name),
    },
    { layer: 'risk_points', title: 'map.layer.riskPoints', name: (d) => String(d.name) },
    { layer: 'requisitions', title: 'map.layer.requisitions', name: (d) => String(d.description) },
  ];

/**
 * The map's items as a list of buttons: the keyboard's and the screen reader's way to every item
 * the canvas draws (a canvas dot cannot take focus).
 */
export function FeatureList({
  view,
  onSelect,
}: {
  view: LiveMapView;
  onSelect: (s: Selection) => void;
}) {
  const t = useT();
  const groups = LISTED.map((g) => ({
    ...g,
    items: [...(view.layers.get(g.layer)?.values() ?? [])],
  })).filter((g) => g.items.length > 0);
  if (groups.length === 0)
    return (
      <p className="muted" data-testid="map-empty">
        {view.positions.size > 0
          ? t('map.list.onlyPositions', { n: view.positions.size })
          : t('map.empty')}
      </p>
    );
  return (
    <nav className="feature-list" aria-label={t('map.list.label')}>
      {groups.map((g) => (
        <section key={g.layer}>
          <h3>
            {t(g.title)} <span className="muted">({g.items.length})</span>
          </h3>
          <ul>
            {g.items.slice(0, MAX_LISTED).map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onSelect({ layer: g.layer, id: e.id })}
                >
                  {g.name(e.data)}
                  {e.exercise ? ` · ${t('map.exercise.badge')}` : ''}
                </button>
              </li>
            ))}
          </ul>
          {g.items.length > MAX_LISTED ? (
            <p className="muted">{t('map.list.more', { n: g.items.length - MAX_LISTED })}</p>
          ) : null}
        </section>
      ))}
    </nav>
  );
}
