import { eq, inArray, ne } from 'drizzle-orm';
import {
  ZIncidentMapItem,
  type IncidentCategory,
  type IncidentGrade,
  type ResponseLevel,
  type TIncidentMapItem,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { adminAreas } from '../../platform/geo/tables.ts';
import {
  audiences,
  type MapLayerItem,
  type MapLayerSource,
  stated,
} from '../../platform/realtime/layer-source.ts';
import { responseIncidents } from './tables.ts';

type Row = typeof responseIncidents.$inferSelect;

/** The map's three colours of a response: reported, responding, terminated (in recovery). */
const MAP_STATUS: Record<string, TIncidentMapItem['status']> = {
  reported: 'reported',
  responding: 'responding',
  recovery: 'terminated',
};

/** Where to pin an incident without a place of its own: the centre of its first area. */
async function areaCentres(db: Executor, rows: readonly Row[]) {
  const codes = [
    ...new Set(rows.flatMap((r) => (r.locationLon === null ? r.areaCodes.slice(0, 1) : []))),
  ];
  if (codes.length === 0) return new Map<string, { lon: number; lat: number }>();
  const areas = await db
    .select({ code: adminAreas.code, lon: adminAreas.centroidLon, lat: adminAreas.centroidLat })
    .from(adminAreas)
    .where(inArray(adminAreas.code, codes));
  return new Map(
    areas.flatMap((a) =>
      a.lon !== null && a.lat !== null ? [[a.code, { lon: a.lon, lat: a.lat }] as const] : [],
    ),
  );
}

async function incidentItems(db: Executor, id?: string): Promise<MapLayerItem<TIncidentMapItem>[]> {
  const rows = await db
    .select()
    .from(responseIncidents)
    .where(id ? eq(responseIncidents.id, id) : ne(responseIncidents.status, 'closed'))
    .limit(5000);
  const centres = await areaCentres(db, rows);
  return rows.flatMap((r) => {
    const status = MAP_STATUS[r.status];
    const location =
      r.locationLon !== null && r.locationLat !== null
        ? { lon: r.locationLon, lat: r.locationLat }
        : centres.get(r.areaCodes[0] ?? '');
    if (!status || !location) return [];
    return [
      {
        id: r.id,
        data: {
          incidentId: r.id,
          title: r.title,
          category: r.category as IncidentCategory,
          status,
          grade: r.grade as IncidentGrade | null,
          responseLevel: r.level as ResponseLevel | null,
          location,
          awareAt: r.awareAt.toISOString(),
        },
        // No personal information: an incident's place, grade and level are for every viewer.
        audience: audiences.everyone,
        exercise: r.exercise,
        incidentId: r.id,
      },
    ];
  });
}

/**
 * The incidents layer (ADR 0006): every open incident at its place with its grade (Ⅰ–Ⅳ) and
 * response level badges, restated from the module's table on each of its events; a closed one
 * (or one without any place) is taken off.
 */
export const incidentsMapSource: MapLayerSource<
  TIncidentMapItem,
  | 'response.incident.reported'
  | 'response.incident.graded'
  | 'response.level.activated'
  | 'response.level.adjusted'
  | 'response.level.terminated'
  | 'response.incident.closed'
> = {
  layer: 'incidents',
  eventTypes: [
    'response.incident.reported',
    'response.incident.graded',
    'response.level.activated',
    'response.level.adjusted',
    'response.level.terminated',
    'response.incident.closed',
  ],
  schema: ZIncidentMapItem,
  async changes(event, db) {
    const id = event.data.incidentId;
    return stated(id, (await incidentItems(db, id))[0]);
  },
  snapshot: (db) => incidentItems(db),
};
