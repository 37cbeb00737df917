import L from 'leaflet';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TIncidentMapItem, TTeamMapItem } from '@muster/contracts';
import { FailureText } from '../api/failure-text.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useLiveMapItems, useRealtime } from '../realtime/realtime-context.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import type { TileState } from './basemap/basemap-layer.tsx';
import { districtBounds } from './basemap/offline-basemap.ts';
import { CallupBoard } from './callup-board.tsx';
import { ExerciseBanner, ExerciseWatermark } from './exercise-banner.tsx';
import { FeatureList } from './feature-list.tsx';
import { GCJ02_DATUM, WGS84_DATUM } from './gcj02.ts';
import { ItemPanel } from './item-panel.tsx';
import {
  readVisibility,
  storeVisibility,
  type Toggle,
  type Visibility,
} from './layer-visibility.ts';
import type { Selection } from './map-context.ts';
import { MapLegend } from './map-legend.tsx';
import { MapToolbar } from './map-toolbar.tsx';
import { MapView } from './map-view.tsx';
import { useMapConfig } from './use-map-config.ts';

/** 指挥地图: the live command map with its layers, legend, details panel and drill banner. */
export function CommandMapPage() {
  const t = useT();
  const config = useMapConfig();
  const view = useLiveMapItems();
  const { focus } = useRealtime();
  const [visible, setVisible] = useState<Visibility>(readVisibility);
  const [selected, setSelected] = useState<Selection | null>(null);
  const [tileState, setTileState] = useState<TileState>('none');
  const [tileRetry, setTileRetry] = useState(0);
  const [focused, setFocused] = useState<string | null>(null);
  const mapRef = useRef<L.Map | null>(null);
  const panelRef = useRef<HTMLDivElement | null>(null);

  const tiles = config.phase === 'ready' ? config.config.tiles : null;
  const datum = tiles?.coords === 'gcj02' ? GCJ02_DATUM : WGS84_DATUM;
  const onToggle = useCallback((key: Toggle, on: boolean) => {
    setVisible((v) => {
      const next = { ...v, [key]: on };
      storeVisibility(next);
      return next;
    });
  }, []);
  const onSelect = useCallback((s: Selection) => setSelected(s), []);
  const onMap = useCallback((map: L.Map) => {
    mapRef.current = map;
  }, []);
  useEffect(() => {
    if (selected) panelRef.current?.querySelector<HTMLElement>('#item-panel-title')?.focus();
  }, [selected]);

  const incidents = [...(view.layers.get('incidents')?.values() ?? [])];
  const onFit = (incidentId: string | null) => {
    setFocused(incidentId);
    focus(incidentId);
    const map = mapRef.current;
    if (!map) return;
    if (!incidentId) return void map.fitBounds(districtBounds(datum));
    const b = L.latLngBounds([]);
    const add = (lon: number, lat: number) => {
      const [x, y] = datum.toMap(lon, lat);
      b.extend([y, x]);
    };
    const incident = view.layers.get('incidents')?.get(incidentId)?.data as
      TIncidentMapItem | undefined;
    if (incident) add(incident.location.lon, incident.location.lat);
    for (const p of view.positions.values()) if (p.incidentId === incidentId) add(p.lon, p.lat);
    for (const e of view.layers.get('teams')?.values() ?? []) {
      const team = e.data as TTeamMapItem;
      const p =
        view.positions.get(`${team.teamId}|exact`) ?? view.positions.get(`${team.teamId}|coarse`);
      if (team.incidentId === incidentId && p) add(p.lon, p.lat);
    }
    if (b.isValid()) map.fitBounds(b.pad(0.3), { maxZoom: 15 });
  };

  const firstLoad = view.cursor === null;
  return (
    <div className="map-page">
      <PageTitle>{t('map.title')}</PageTitle>
      {view.exercise ? <ExerciseBanner /> : null}
      <MapToolbar
        visible={visible}
        onToggle={onToggle}
        incidents={incidents}
        focused={focused}
        onFit={onFit}
        onFitDistrict={() => mapRef.current?.fitBounds(districtBounds(datum))}
      />
      {config.phase === 'failed' ? (
        <div className="notice notice-error" role="alert">
          <p>{t('map.config.failed')}</p>
          <FailureText failure={config.failure} />
        </div>
      ) : null}
      <div className="map-layout">
        <div className="map-frame" data-tiles={tileState} data-testid="command-map">
          {/* Drawn at once over the offline basemap; tiles join when their setting arrives. */}
          <MapView
            tiles={tiles}
            visible={visible}
            selected={selected}
            onSelect={onSelect}
            onTileState={setTileState}
            tileRetry={tileRetry}
            onMap={onMap}
          />
          {config.phase === 'loading' ? (
            <p className="map-overlay" role="status">
              {t('map.config.loading')}
            </p>
          ) : null}
          {firstLoad ? (
            <p className="map-overlay map-overlay-bottom" role="status">
              {t('map.loading')}
            </p>
          ) : null}
          {tileState === 'offline' || tileState === 'none' ? (
            <p className="basemap-chip" data-testid="offline-basemap">
              {tileState === 'offline' ? t('map.basemap.offline') : t('map.basemap.schematic')}
              {tileState === 'offline' ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setTileRetry((n) => n + 1)}
                >
                  {t('map.basemap.retry')}
                </button>
              ) : null}
            </p>
          ) : null}
          {view.exercise ? <ExerciseWatermark /> : null}
        </div>
        <aside className="map-side" ref={panelRef} aria-label={t('map.side')}>
          <CallupBoard view={view} />
          {selected ? (
            <ItemPanel selected={selected} onClose={() => setSelected(null)} />
          ) : (
            <FeatureList view={view} onSelect={onSelect} />
          )}
          <MapLegend />
        </aside>
      </div>
    </div>
  );
}
