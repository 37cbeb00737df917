import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { useMap } from 'react-leaflet';
import type { TMapPosition, TTeamMapItem } from '@muster/contracts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import type { LayerEntry, LiveMapView } from '../../realtime/live-map.ts';
import { TEAM_STATUS_COLOURS } from '../colours.ts';
import type { MapDatum } from '../gcj02.ts';
import { useMapScope } from '../map-context.ts';
import { sinceText } from '../time-text.ts';
import { useLiveDraw } from '../use-live-draw.ts';
import { AvailableTeams } from './available-teams.ts';
import { DotsLayer, type DotStyle } from './dots-layer.ts';
import { useLayerGroup } from './use-layer-group.ts';

/** A team as drawn: its live position (exact or coarse) or its base, and its item if known. */
interface Drawn {
  teamId: string;
  position: TMapPosition | undefined;
  item: LayerEntry | undefined;
}

const itemOf = (d: Drawn) => d.item?.data as TTeamMapItem | undefined;
const MOVING = new Set(['alerted', 'en_route', 'on_scene', 'returning']);
const styles = new Map<string, DotStyle>();

/** A team's dot: its status colour; a wide dashed ring when coarse; hollow at its base. */
function styleOf(d: Drawn): DotStyle {
  const status = itemOf(d)?.status ?? 'unknown';
  const shape = d.position ? d.position.precision : 'base';
  const key = `${status}|${shape}`;
  let s = styles.get(key);
  if (!s) {
    const colour = TEAM_STATUS_COLOURS[status];
    s =
      shape === 'exact'
        ? { key, radius: 6, fill: colour, fillOpacity: 0.95, stroke: '#ffffff', weight: 1.5 }
        : shape === 'coarse'
          ? {
              key,
              radius: 11,
              fill: colour,
              fillOpacity: 0.2,
              stroke: colour,
              weight: 2,
              dashed: true,
            }
          : { key, radius: 6, fill: colour, fillOpacity: 0.2, stroke: colour, weight: 2 };
    styles.set(key, s);
  }
  return s;
}

/** The position to draw: the exact one when this viewer has it, else the coarse one. */
function positionOf(view: LiveMapView, teamId: string): TMapPosition | undefined {
  return view.positions.get(`${teamId}|exact`) ?? view.positions.get(`${teamId}|coarse`);
}

function drawTrail(
  group: L.LayerGroup,
  view: LiveMapView,
  teamId: string,
  datum: MapDatum,
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

/**
 * Teams: deployed ones at their live position, coloured by status (a dot when exact, a wide ring
 * when the viewer may only see it coarse) on a canvas of their own (dots-layer.ts), with the
 * trail of their exact positions; available ones clustered at their base (supercluster). Hover
 * tells the time since the last report; a click opens the details.
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

  const dots = useMemo(() => {
    const latest = new Map<string, Drawn>();
    const tooltip = (id: string) => {
      const d = latest.get(id);
      if (!d) return '';
      const name = itemOf(d)?.name ?? t('map.team.unnamed');
      const when = d.position
        ? t('map.team.reported', { since: sinceText(d.position.reportedAt, locale) })
        : t('map.team.atBase');
      return `${name} · ${when}`;
    };
    const layer = new DotsLayer({
      pane: 'team-dots',
      onClick: (id) => select({ layer: 'teams', id }),
      tooltip,
    });
    return { layer, latest };
  }, [select, t, locale]);
  useEffect(() => {
    if (!deployed) return;
    const pane = map.getPane('team-dots') ?? map.createPane('team-dots');
    pane.style.zIndex = '450';
    dots.layer.addTo(map);
    return () => void dots.layer.remove();
  }, [map, dots, deployed]);

  // A full pass when items changed (or on a new drawing); else only the teams that moved.
  const draw = useMemo(() => {
    let itemsSeen = -1;
    let cursor = 0;
    return (view: LiveMapView) => {
      const items = view.layers.get('teams');
      const at = (d: Drawn) => {
        const p = d.position ?? itemOf(d)?.base;
        const [lon, lat] = datum.toMap(p?.lon ?? 0, p?.lat ?? 0);
        return L.latLng(lat, lon);
      };
      const put = (
        teamId: string,
        position: TMapPosition | undefined,
        item: LayerEntry | undefined,
      ) => {
        if ((item?.data as TTeamMapItem | undefined)?.status === 'available')
          return available.put(teamId, position, item);
        const held = dots.latest.get(teamId);
        const d =
          held && held.position === position && held.item === item
            ? held
            : { teamId, position, item };
        dots.latest.set(teamId, d);
        dots.layer.set(teamId, d, () => at(d), styleOf(d));
      };
      const trailed = (teamId: string) => {
        const status = (items?.get(teamId)?.data as TTeamMapItem | undefined)?.status;
        return (status !== undefined && MOVING.has(status)) || teamId === selectedTeam;
      };
      const drawTrails = () => {
        trailGroup.clearLayers();
        for (const item of items?.values() ?? []) {
          const team = item.data as TTeamMapItem;
          if (trailed(team.teamId)) drawTrail(trailGroup, view, team.teamId, datum, renderer);
        }
        if (selectedTeam && !items?.has(selectedTeam))
          drawTrail(trailGroup, view, selectedTeam, datum, renderer);
      };

      const moved = view.itemsVersion === itemsSeen ? view.moved.since(cursor) : undefined;
      itemsSeen = view.itemsVersion;
      cursor = view.moved.head();
      if (moved) {
        const teams = new Set(moved);
        for (const teamId of teams) put(teamId, positionOf(view, teamId), items?.get(teamId));
        available.end();
        if ([...teams].some(trailed)) drawTrails();
        return;
      }
      dots.layer.begin();
      available.begin();
      for (const p of view.positions.values()) {
        if (p.precision === 'coarse' && view.positions.has(`${p.teamId}|exact`)) continue;
        put(p.teamId, p, items?.get(p.teamId));
      }
      for (const item of items?.values() ?? []) {
        const team = item.data as TTeamMapItem;
        if (positionOf(view, team.teamId)) continue;
        if (team.status === 'available' || team.base) put(team.teamId, undefined, item);
      }
      dots.layer.end();
      for (const id of dots.latest.keys()) if (!dots.layer.has(id)) dots.latest.delete(id);
      available.end();
      drawTrails();
    };
  }, [dots, available, trailGroup, datum, renderer, selectedTeam]);
  useLiveDraw(deployed || showAvailable ? draw : undefined);
  return null;
}
