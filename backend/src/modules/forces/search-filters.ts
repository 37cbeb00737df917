import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { distance } from 'geokdbush';
import { and, between, inArray, sql, type SQL } from 'drizzle-orm';
import type { TSearchArea, TTeamSearchFilter } from '@muster/contracts';
import {
  forcesCapabilities,
  forcesInsurancePolicies,
  forcesMembers,
  forcesTeams,
} from './tables.ts';

/**
 * Every current member insured on `day` (the SQL twin of `insuredOn` in callability.ts): some
 * policy is in force that day, and no member on the roll lacks a policy in force that covers the
 * whole team or names them.
 */
export function insuredOnSql(day: string): SQL {
  const p = forcesInsurancePolicies;
  const m = forcesMembers;
  return sql`exists (select 1 from ${p} where ${p.teamId} = ${forcesTeams.id}
      and ${p.validFrom} <= ${day} and ${p.validTo} >= ${day})
    and not exists (select 1 from ${m} where ${m.teamId} = ${forcesTeams.id} and ${m.leftAt} is null
      and not exists (select 1 from ${p} where ${p.teamId} = ${m.teamId}
        and ${p.validFrom} <= ${day} and ${p.validTo} >= ${day}
        and (${p.insuredMemberIds} is null or ${m.id} = any(${p.insuredMemberIds}))))`;
}

const KM_PER_DEGREE = 111.32;

/** The area's bounding box [west, south, east, north], for the SQL prefilter. */
export function boundingBox(area: TSearchArea): [number, number, number, number] {
  if (area.type === 'circle') {
    const dLat = area.radiusKm / KM_PER_DEGREE;
    const cos = Math.cos((area.center.lat * Math.PI) / 180);
    // Near a pole a degree of longitude shrinks to nothing: take every longitude there.
    const dLon = cos < 0.01 ? 180 : Math.min(180, area.radiusKm / (KM_PER_DEGREE * cos));
    return [
      area.center.lon - dLon,
      Math.max(-90, area.center.lat - dLat),
      area.center.lon + dLon,
      Math.min(90, area.center.lat + dLat),
    ];
  }
  const g = area.geometry;
  const positions = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** Conditions the database checks: status, readiness, capabilities, insurance, the area's box. */
export function searchConditions(q: TTeamSearchFilter): (SQL | undefined)[] {
  const caps = q.capabilities ? [...new Set(q.capabilities)] : undefined;
  const withCaps = caps
    ? inArray(
        forcesTeams.id,
        q.capabilityMatch === 'all'
          ? sql`(select ${forcesCapabilities.teamId} from ${forcesCapabilities}
              where ${inArray(forcesCapabilities.capability, caps)}
              group by ${forcesCapabilities.teamId} having count(*) = ${caps.length})`
          : sql`(select ${forcesCapabilities.teamId} from ${forcesCapabilities}
              where ${inArray(forcesCapabilities.capability, caps)})`,
      )
    : undefined;
  let box: SQL | undefined;
  if (q.area) {
    const [w, s, e, n] = boundingBox(q.area);
    const lat = between(forcesTeams.baseLat, s, n);
    // A circle across the antimeridian wraps: two longitude ranges.
    box =
      w < -180 || e > 180
        ? and(
            lat,
            sql`(${forcesTeams.baseLon} >= ${w < -180 ? w + 360 : w} or ${forcesTeams.baseLon} <= ${e > 180 ? e - 360 : e})`,
          )
        : and(lat, between(forcesTeams.baseLon, w, e));
  }
  return [
    q.statuses ? inArray(forcesTeams.status, q.statuses) : undefined,
    q.readiness ? inArray(forcesTeams.readiness, q.readiness) : undefined,
    withCaps,
    q.insuredOn ? insuredOnSql(q.insuredOn) : undefined,
    box,
  ];
}

/**
 * The exact area test the box only approximates: inside the outline (turf), or within the radius
 * on the sphere (haversine, as matching uses). Returns the distance for a circle, true/false for
 * an outline, or undefined when the base is outside.
 */
export function inArea(area: TSearchArea, lon: number, lat: number): number | true | undefined {
  if (area.type === 'polygon')
    return booleanPointInPolygon([lon, lat], area.geometry) ? true : undefined;
  const km = distance(area.center.lon, area.center.lat, lon, lat);
  return km <= area.radiusKm ? km : undefined;
}
