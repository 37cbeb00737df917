import L from 'leaflet';
import Supercluster from 'supercluster';
import type { TMapPosition, TTeamMapItem } from '@muster/contracts';
import type { Locale } from '../../i18n/locale.ts';
import type { LayerEntry } from '../../realtime/live-map.ts';
import { TEAM_STATUS_COLOURS } from '../colours.ts';
import type { MapDatum } from '../gcj02.ts';
import type { Selection } from '../map-context.ts';

interface Held {
  position: TMapPosition | undefined;
  item: LayerEntry | undefined;
  pass: number;
}
interface Props {
  teamId: string;
}

/**
 * Available teams, clustered with supercluster: thousands of ready teams would bury the map, so
 * they are counted per area at the current zoom (a cluster zooms in when clicked) and drawn one
 * by one only where they are few. The index is rebuilt only when the set or a place changed.
 */
export class AvailableTeams {
  private readonly held = new Map<string, Held>();
  private readonly group = L.layerGroup();
  private index = new Supercluster<Props, Record<string, never>>({ radius: 60, maxZoom: 16 });
  private pass = 0;
  private dirty = false;
  private shown = false;
  private readonly onMove = () => this.render();

  constructor(
    private readonly map: L.Map,
    private readonly o: {
      datum: MapDatum;
      renderer: L.Renderer;
      select: (s: Selection) => void;
      locale: Locale;
    },
  ) {
    // An index is queried before the first data arrives: start it empty.
    this.index.load([]);
  }

  show(): void {
    this.shown = true;
    this.group.addTo(this.map);
    this.map.on('moveend', this.onMove);
    this.render();
  }

  hide(): void {
    this.shown = false;
    this.map.off('moveend', this.onMove);
    this.group.remove();
  }

  begin(): void {
    this.pass += 1;
  }

  put(teamId: string, position: TMapPosition | undefined, item: LayerEntry | undefined): void {
    const h = this.held.get(teamId);
    if (!h || h.position !== position || h.item !== item) this.dirty = true;
    this.held.set(teamId, { position, item, pass: this.pass });
  }

  end(): void {
    for (const [id, h] of this.held)
      if (h.pass !== this.pass) {
        this.held.delete(id);
        this.dirty = true;
      }
    if (!this.dirty) return;
    this.dirty = false;
    const points: Supercluster.PointFeature<Props>[] = [];
    for (const [teamId, h] of this.held) {
      const at = h.position ?? (h.item?.data as TTeamMapItem | undefined)?.base;
      if (!at) continue;
      const [lon, lat] = this.o.datum.toMap(at.lon, at.lat);
      points.push({
        type: 'Feature',
        properties: { teamId },
        geometry: { type: 'Point', coordinates: [lon, lat] },
      });
    }
    this.index = new Supercluster<Props, Record<string, never>>({ radius: 60, maxZoom: 16 });
    this.index.load(points);
    this.render();
  }

  private render(): void {
    if (!this.shown) return;
    this.group.clearLayers();
    const b = this.map.getBounds();
    const zoom = Math.round(this.map.getZoom());
    const count = new Intl.NumberFormat(this.o.locale);
    for (const f of this.index.getClusters(
      [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      zoom,
    )) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const ll = L.latLng(lat, lon);
      if ('cluster' in f.properties && f.properties.cluster) {
        const id = f.properties.cluster_id;
        const n = f.properties.point_count;
        const marker = L.marker(ll, {
          icon: L.divIcon({
            className: 'team-cluster',
            html: `<span>${count.format(n)}</span>`,
            iconSize: [36, 36],
          }),
          title: String(n),
        });
        marker.on('click', () =>
          this.map.setView(ll, Math.min(this.index.getClusterExpansionZoom(id), 18)),
        );
        this.group.addLayer(marker);
        continue;
      }
      const teamId = (f.properties as Props).teamId;
      const dot = L.circleMarker(ll, {
        renderer: this.o.renderer,
        radius: 6,
        color: '#ffffff',
        weight: 1.5,
        fillColor: TEAM_STATUS_COLOURS.available,
        fillOpacity: 0.95,
      });
      const name = (this.held.get(teamId)?.item?.data as TTeamMapItem | undefined)?.name;
      if (name) dot.bindTooltip(name);
      dot.on('click', () => this.o.select({ layer: 'teams', id: teamId }));
      this.group.addLayer(dot);
    }
  }
}
