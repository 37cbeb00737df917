import type { TIncidentMapItem } from '@muster/contracts';
import { useT } from '../i18n/i18n.tsx';
import type { LayerEntry } from '../realtime/live-map.ts';
import { TOGGLES, TOGGLE_LABELS, type Toggle, type Visibility } from './layer-visibility.ts';

/** Layer toggles (checkboxes, keyboard reachable) and "fit to incident". */
export function MapToolbar({
  visible,
  onToggle,
  incidents,
  focused,
  onFit,
  onFitDistrict,
}: {
  visible: Visibility;
  onToggle: (t: Toggle, on: boolean) => void;
  incidents: readonly LayerEntry[];
  focused: string | null;
  onFit: (incidentId: string | null) => void;
  onFitDistrict: () => void;
}) {
  const t = useT();
  return (
    <div className="map-toolbar">
      <fieldset className="layer-toggles">
        <legend>{t('map.layers')}</legend>
        {TOGGLES.map((key) => (
          <label key={key} className="layer-toggle">
            <input
              type="checkbox"
              checked={visible[key]}
              onChange={(e) => onToggle(key, e.currentTarget.checked)}
            />
            {t(TOGGLE_LABELS[key])}
          </label>
        ))}
      </fieldset>
      <div className="map-fit">
        <label htmlFor="fit-incident">{t('map.fit.label')}</label>
        <select
          id="fit-incident"
          value={focused ?? ''}
          onChange={(e) => onFit(e.currentTarget.value === '' ? null : e.currentTarget.value)}
          disabled={incidents.length === 0}
        >
          <option value="">{incidents.length === 0 ? t('map.fit.none') : t('map.fit.all')}</option>
          {incidents.map((e) => (
            <option key={e.id} value={e.id}>
              {(e.data as TIncidentMapItem).title}
            </option>
          ))}
        </select>
        <button type="button" onClick={onFitDistrict}>
          {t('map.fit.district')}
        </button>
      </div>
    </div>
  );
}
