import L from 'leaflet';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import outlineText from '../../../../backend/src/platform/geo/data/beibei-district.geojson?raw';
import schematic from './beibei-schematic.json';
import type { MapDatum } from '../gcj02.ts';

interface SchematicProps {
  kind: 'river' | 'road' | 'landmark' | 'place';
  name: string;
  nameEn: string;
  major?: boolean;
  minor?: boolean;
}

const outline = JSON.parse(outlineText) as FeatureCollection;
const features = (schematic as FeatureCollection<Geometry, SchematicProps>).features;

/** The demo district's outline, for the map's first view and "fit to district". */
export const DISTRICT_OUTLINE: FeatureCollection = outline;

/** Bounds of the district in WGS-84 (lon/lat), from its outline. */
export function districtBounds(datum: MapDatum): L.LatLngBounds {
  const b = L.latLngBounds([]);
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [lon, lat] = datum.toMap(c[0], c[1] as number);
      b.extend([lat, lon]);
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  for (const f of outline.features) if ('coordinates' in f.geometry) visit(f.geometry.coordinates);
  return b;
}

const toLatLng = (datum: MapDatum) => (c: Position) => {
  const [lon, lat] = datum.toMap(c[0] ?? 0, c[1] ?? 0);
  return L.latLng(lat, lon);
};

/**
 * The bundled, schematic basemap of 北碚区 (basemap/README.md): land inside the district, the
 * 嘉陵江, main roads and the names of the 17 subdistricts and towns. Drawn in its own pane below
 * the tiles, so loaded tiles cover it and missing ones leave it showing.
 */
export function offlineBasemap(
  map: L.Map,
  o: { datum: MapDatum; renderer: L.Renderer; english: boolean },
): L.LayerGroup {
  const pane = map.getPane('offline-basemap') ?? map.createPane('offline-basemap');
  pane.style.zIndex = '150';
  const group = L.layerGroup();
  const convert = toLatLng(o.datum);
  group.addLayer(
    L.geoJSON(outline, {
      pane: 'offline-basemap',
      interactive: false,
      coordsToLatLng: (c) => convert(c as Position),
      style: { color: '#6b7c8f', weight: 1, fillColor: '#eef2e6', fillOpacity: 1 },
    }),
  );
  const lines = features.filter(
    (f) => f.properties.kind === 'river' || f.properties.kind === 'road',
  );
  group.addLayer(
    L.geoJSON({ type: 'FeatureCollection', features: lines } as FeatureCollection, {
      pane: 'offline-basemap',
      interactive: false,
      coordsToLatLng: (c) => convert(c as Position),
      style: (f?: Feature) => {
        const p = f?.properties as SchematicProps | undefined;
        if (p?.kind === 'river')
          return { color: '#5b9bd5', weight: p.minor ? 2 : 6, opacity: 0.9, lineCap: 'round' };
        return {
          color: p?.major ? '#d08b2c' : '#a8a8a8',
          weight: p?.major ? 3 : 2,
          dashArray: p?.major ? undefined : '6 4',
        };
      },
      onEachFeature: (f, layer) => {
        const p = f.properties as SchematicProps;
        layer.bindTooltip(o.english ? p.nameEn : p.name, {
          permanent: p.kind === 'river' && !p.minor,
          direction: 'center',
          className: 'basemap-label basemap-label-river',
        });
      },
    }),
  );
  for (const f of features) {
    if (f.geometry.type !== 'Point') continue;
    const p = f.properties;
    const ll = convert(f.geometry.coordinates);
    group.addLayer(
      L.marker(ll, {
        pane: 'offline-basemap',
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: `basemap-label basemap-label-${p.kind}`,
          html: `<span>${o.english ? p.nameEn : p.name}</span>`,
          iconSize: undefined,
        }),
      }),
    );
  }
  return group;
}

/** The district's outline above the tiles (tiles show streets, not the district's edge). */
export function districtEdge(o: { datum: MapDatum; renderer: L.Renderer }): L.GeoJSON {
  const convert = toLatLng(o.datum);
  return L.geoJSON(outline, {
    interactive: false,
    coordsToLatLng: (c) => convert(c as Position),
    style: { color: '#12355b', weight: 2, dashArray: '8 6', fill: false, renderer: o.renderer },
  });
}
