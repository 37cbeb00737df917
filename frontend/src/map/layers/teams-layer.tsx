import L from 'leaflet';
import { useCallback, useEffect, useMemo } from 'react';
import { useMap } from 'react-leaflet';
import type { TMapPosition, TTeamMapItem } from '@muster/contracts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import type { LayerEntry, LiveMapView } from '../../realtime/live-map.ts';
import { TEAM_STATUS_COLOURS } from '../colours.ts';
import { createKeyedLayer } from '../keyed-layer.ts';
import { useMapScope } from '../map-context.ts';
import { sinceText } from '../time-text.ts';
import { useLiveDraw } from '../use-live-draw.ts';
import { AvailableTeams } from './available-teams.ts';
import { useLayerGroup } from './use-layer-group.ts';

/** A team as drawn: its live position (exact or coarse) or its base, and its item if known. */
interface Drawn {
  teamId: string;
  position: TMapPosition | undefined;
  item: LayerEntry | undefined;
}

const itemOf = (d: Drawn) => d.item?.data as TTeamMapItem | undefined;
const MOVING = new Set(['alerted', 'en_route', 'on_scene', 'returning']);

/** The position to draw: the exact one when this viewer has it, else the coarse one. */
function positionOf(view: LiveMapView, teamId: string): TMapPosition | undefined {
  return view.positions.get(`${teamId}|exact`) ?? view.positions.get(`${teamId}|coarse`);
}

/**
 * Teams: deployed ones at their live position, coloured by status (a dot when exact, a wide ring
 * when the viewer may only see it coarse), with the trail of their exact positions; available
 * ones clustered at their base (supercluster). Hover tells the time since the last report.
 */
export function TeamsLayer({
  deployed,
  available: showAvailable,
  trails,
  selectedTeam,
}: {
  deployed: boolean;
  available: boolean;
  trails: boolean;
  selectedTeam: string | null;
}) {
  const map = useMap();
  const t = useT();
  const { locale } = useLocale();
  const { datum, renderer, select } = useMapScope();
  const group = useLayerGroup(map, deployed);
  const trailGroup = useLayerGroup(map, deployed && trails);
  const available = useMemo(
    () => new AvailableTeams(map, { datum, renderer, select, locale }),
    [map, datum, renderer, select, locale],
  );
  useEffect(() => {
    if (!showAvailable) return;
    available.show();
    return () => available.hide();
  }, [available, showAvailable]);

  const keyed = useMemo(() => {
    const latest = new Map<string, Drawn>();
    const at = (d: Drawn) => {
      const p = d.position ?? itemOf(d)?.base;
      const [lon, lat] = datum.toMap(p?.lon ?? 0, p?.lat ?? 0);
      return L.latLng(lat, lon);
    };
    const style = (d: Drawn): L.CircleMarkerOptions => {
      const colour = TEAM_STATUS_COLOURS[itemOf(d)?.status ?? 'unknown'];
      const coarse = d.position?.precision === 'coarse';
      const onBase = !d.position;
      return {
        renderer,
        radius: coarse ? 11 : 6,
        color: coarse || onBase ? colour : '#ffffff',
        weight: coarse ? 2 : 1.5,
        dashArray: coarse ? '4 3' : undefined,
        fillColor: colour,
        fillOpacity: coarse || onBase ? 0.2 : 0.95,
      };
    };
    const tooltip = (id: string) => {
      const d = latest.get(id);
      if (!d) return '';
      const name = itemOf(d)?.name ?? t('map.team.unnamed');
      const when = d.position
        ? t('map.team.reported', { since: sinceText(d.position.reportedAt, locale) })
        : t('map.team.atBase');
      return `${name} · ${when}`;
    };
    return createKeyedLayer<Drawn, L.CircleMarker>(group, {
      create: (id, d) => {
        latest.set(id, d);
        const m = L.circleMarker(at(d), style(d));
        m.on('click', () => select({ layer: 'teams', id }));
        m.bindTooltip(() => tooltip(id));
        return m;
      },
      update: (m, d, prev) => {
        latest.set(d.teamId, d);
        m.setLatLng(at(d));
        if (prev.item !== d.item || prev.position?.precision !== d.position?.precision)
          m.setStyle(style(d));
      },
    });
  }, [group, datum, renderer, select, t, locale]);

  const draw = useCallback(
    (view: LiveMapView) => {
      const items = view.layers.get('teams');
      const put = (
        teamId: string,
        position: TMapPosition | undefined,
        item: LayerEntry | undefined,
      ) => {
        const held = keyed.get(teamId);
        keyed.put(
          teamId,
          held && held.position === position && held.item === item
            ? held
            : { teamId, position, item },
        );
      };
      keyed.begin();
      available.begin();
      for (const p of view.positions.values()) {
        if (p.precision === 'coarse' && view.positions.has(`${p.teamId}|exact`)) continue;
        const item = items?.get(p.teamId);
        if ((item?.data as TTeamMapItem | undefined)?.status === 'available')
          available.put(p.teamId, p, item);
        else put(p.teamId, p, item);
      }
      for (const item of items?.values() ?? []) {
        const team = item.data as TTeamMapItem;
        if (positionOf(view, team.teamId)) continue;
        if (team.status === 'available') available.put(team.teamId, undefined, item);
        else if (team.base) put(team.teamId, undefined, item);
      }
      keyed.end();
      available.end();
      trailGroup.clearLayers();
      for (const item of items?.values() ?? []) {
        const team = item.data as TTeamMapItem;
        if (!MOVING.has(team.status) && team.teamId !== selectedTeam) continue;
        drawTrail(trailGroup, view, team.teamId, datum, renderer);
      }
      if (selectedTeam && !items?.has(selectedTeam))
        drawTrail(trailGroup, view, selectedTeam, datum, renderer);
    },
    [keyed, available, trailGroup, datum, renderer, selectedTeam],
  );
  useLiveDraw(deployed || showAvailable ? draw : undefined);
  useEffect(() => () => keyed.clear(), [keyed]);
  return null;
}

function drawTrail(
  group: L.LayerGroup,
  view: LiveMapView,
  teamId: string,
  datum: { toMap(lon: number, lat: number): [number, number] },
  renderer: L.Renderer,
): void {
  const points = view.trails.of(teamId);
  if (points.length < 2) return;
  const lls = points.map(([lon, lat]) => {
    const [x, y] = datum.toMap(lon, lat);
    return L.latLng(y, x);
  });
  group.addLayer(
    L.polyline(lls, { renderer, color: '#1d4ed8', weight: 2, opacity: 0.6, interactive: false }),
  );
}
