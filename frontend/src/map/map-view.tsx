import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo } from 'react';
import { MapContainer, useMap } from 'react-leaflet';
import type {
  TMapConfig,
  TMonitoringPointMapItem,
  TRequisitionMapItem,
  TRiskPointMapItem,
} from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import type { LayerEntry } from '../realtime/live-map.ts';
import { BasemapLayer, type TileState } from './basemap/basemap-layer.tsx';
import { districtBounds } from './basemap/offline-basemap.ts';
import { MONITORING_NORMAL, REQUISITION_COLOUR, RISK_COLOURS, WARNING_COLOURS } from './colours.ts';
import { GCJ02_DATUM, WGS84_DATUM } from './gcj02.ts';
import { IncidentsLayer } from './layers/incidents-layer.tsx';
import { PointsLayer } from './layers/points-layer.tsx';
import { TeamsLayer } from './layers/teams-layer.tsx';
import { WarningsLayer } from './layers/warnings-layer.tsx';
import type { Visibility } from './layer-visibility.ts';
import { MapScopeContext, type MapScope, type Selection } from './map-context.ts';

const risk = (e: LayerEntry) => e.data as TRiskPointMapItem;
const station = (e: LayerEntry) => e.data as TMonitoringPointMapItem;
const requisition = (e: LayerEntry) => e.data as TRequisitionMapItem;

/**
 * Hands the map to the page (fit to an incident) once it exists, and keeps the district fitted
 * while the frame settles into its size — until the user pans or zooms it themselves.
 */
function MapHandle({ onMap, bounds }: { onMap: (map: L.Map) => void; bounds: L.LatLngBounds }) {
  const map = useMap();
  useEffect(() => onMap(map), [map, onMap]);
  useEffect(() => {
    const container = map.getContainer();
    let touched = false;
    const touch = () => {
      touched = true;
    };
    for (const e of ['mousedown', 'wheel', 'keydown', 'touchstart'])
      container.addEventListener(e, touch);
    const observer = new ResizeObserver(() => {
      map.invalidateSize();
      if (!touched) map.fitBounds(bounds);
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      for (const e of ['mousedown', 'wheel', 'keydown', 'touchstart'])
        container.removeEventListener(e, touch);
    };
  }, [map, bounds]);
  return null;
}

/**
 * The Leaflet map (react-leaflet) with one shared canvas renderer: thousands of markers are
 * pixels on one canvas, not DOM nodes. Layers draw themselves from the live map store.
 */
export function MapView({
  tiles,
  visible,
  selected,
  onSelect,
  onTileState,
  tileRetry,
  onMap,
}: {
  tiles: TMapConfig['tiles'];
  visible: Visibility;
  selected: Selection | null;
  onSelect: (s: Selection) => void;
  onTileState: (s: TileState) => void;
  tileRetry: number;
  onMap: (map: L.Map) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const datum = tiles?.coords === 'gcj02' ? GCJ02_DATUM : WGS84_DATUM;
  const renderer = useMemo(() => L.canvas({ padding: 0.5, tolerance: 4 }), []);
  const scope = useMemo<MapScope>(
    () => ({ datum, renderer, select: onSelect }),
    [datum, renderer, onSelect],
  );
  const bounds = useMemo(() => districtBounds(datum), [datum]);

  const riskStyle = useMemo(
    () => (e: LayerEntry) => ({ colour: RISK_COLOURS[risk(e).level], radius: 7 }),
    [],
  );
  const stationStyle = useMemo(
    () => (e: LayerEntry) => {
      const s = station(e).threshold;
      return { colour: s === 'normal' ? MONITORING_NORMAL : WARNING_COLOURS[s], radius: 6 };
    },
    [],
  );
  const requisitionStyle = useMemo(
    () => () => ({ colour: REQUISITION_COLOUR, ring: true, radius: 7 }),
    [],
  );
  const riskLabel = useMemo(() => (e: LayerEntry) => risk(e).name, []);
  const stationLabel = useMemo(
    () => (e: LayerEntry) => {
      const s = station(e);
      const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
      return s.latest
        ? `${s.name} · ${n.format(s.latest.value)} ${s.latest.unit}`
        : `${s.name} · ${t('map.monitoring.noReading')}`;
    },
    [locale, t],
  );
  const requisitionLabel = useMemo(() => (e: LayerEntry) => requisition(e).description, []);
  const riskAt = useMemo(() => (e: LayerEntry) => risk(e).location, []);
  const stationAt = useMemo(() => (e: LayerEntry) => station(e).location, []);
  const requisitionAt = useMemo(() => (e: LayerEntry) => requisition(e).location, []);

  return (
    <MapContainer
      bounds={bounds}
      preferCanvas
      renderer={renderer}
      zoomControl
      keyboard
      zoomSnap={0.25}
      zoomDelta={0.5}
      minZoom={8}
      maxZoom={tiles?.maxZoom ?? 18}
      className="leaflet-map"
      attributionControl
    >
      <MapScopeContext.Provider value={scope}>
        <MapHandle onMap={onMap} bounds={bounds} />
        <BasemapLayer tiles={tiles} retry={tileRetry} onState={onTileState} />
        <WarningsLayer shown={visible.warnings} />
        <PointsLayer
          layer="risk_points"
          shown={visible.riskPoints}
          locate={riskAt}
          styleOf={riskStyle}
          label={riskLabel}
        />
        <PointsLayer
          layer="monitoring_points"
          shown={visible.monitoringPoints}
          locate={stationAt}
          styleOf={stationStyle}
          label={stationLabel}
        />
        <PointsLayer
          layer="requisitions"
          shown={visible.requisitions}
          locate={requisitionAt}
          styleOf={requisitionStyle}
          label={requisitionLabel}
        />
        <TeamsLayer
          deployed={visible.deployedTeams}
          available={visible.availableTeams}
          trails={visible.trails}
          selectedTeam={selected?.layer === 'teams' ? selected.id : null}
        />
        <IncidentsLayer shown={visible.incidents} />
      </MapScopeContext.Provider>
    </MapContainer>
  );
}
