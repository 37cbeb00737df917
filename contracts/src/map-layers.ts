import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZAdminAreaCode, ZAreaGeometry } from './geo.ts';
import { personal } from './personal.ts';
import { ZCapability, ZTeamKind } from './forces.ts';
import { ZRiskLevel } from './monitoring-risks.ts';
import {
  ZIncidentCategory,
  ZIncidentGrade,
  ZPoint,
  ZResponseLevel,
  ZWarningLevel,
} from './vocabulary.ts';

/*
 * What each layer of the command map draws: the `data` of a `map:update` item of that layer.
 * A module's map layer source (ADR 0006) produces exactly these shapes; the gateway projects
 * them per viewer through the one policy, and the browser parses them with the same schemas.
 * Small and non-personal by design: a map item says where and what, never who. The few
 * personal fields are classified with `personal()` and are whole, masked or dropped per viewer.
 * Every point is WGS-84; a basemap in GCJ-02 is converted to at the map edge only.
 */

/** Layers the command map knows, in drawing order (areas below points). */
export const MAP_LAYERS = [
  'warnings',
  'incidents',
  'teams',
  'risk_points',
  'monitoring_points',
  'requisitions',
] as const;
export const ZMapLayer = z.enum(MAP_LAYERS);
export type MapLayer = z.infer<typeof ZMapLayer>;

/** An issued warning over its area (an outline made from its areas' boundaries). */
export const ZWarningMapItem = z.object({
  warningId: ZUuid,
  level: ZWarningLevel,
  category: z.string().min(1).max(64),
  headline: z.string().min(1).max(200),
  areaCodes: z.array(ZAdminAreaCode).max(500),
  /** The outline drawn; omitted when none of its areas has a boundary (then listed only). */
  area: ZAreaGeometry.optional(),
  issuedAt: ZInstant,
  expiresAt: ZInstant.optional(),
});
export type TWarningMapItem = z.infer<typeof ZWarningMapItem>;

/** Where an incident's response stands, as the map colours it. */
export const INCIDENT_MAP_STATUSES = ['reported', 'responding', 'terminated'] as const;

/** An open incident at its main place, with its grade and response level badges. */
export const ZIncidentMapItem = z.object({
  incidentId: ZUuid,
  title: z.string().min(1).max(200),
  category: ZIncidentCategory,
  status: z.enum(INCIDENT_MAP_STATUSES),
  grade: ZIncidentGrade.nullable(),
  responseLevel: ZResponseLevel.nullable(),
  location: ZPoint,
  awareAt: ZInstant,
  /** Teams deployed to it now. */
  deployedTeams: z.number().int().min(0).optional(),
});
export type TIncidentMapItem = z.infer<typeof ZIncidentMapItem>;

/**
 * A team's state on the map: `available` teams are clustered at their base; the others are
 * drawn at their live position (`map:positions`), coloured by status.
 */
export const TEAM_MAP_STATUSES = [
  'available',
  'alerted',
  'en_route',
  'on_scene',
  'returning',
] as const;
export const ZTeamMapStatus = z.enum(TEAM_MAP_STATUSES);
export type TeamMapStatus = z.infer<typeof ZTeamMapStatus>;

export const ZTeamMapItem = z.object({
  teamId: ZUuid,
  name: z.string().min(1).max(100),
  kind: ZTeamKind,
  status: ZTeamMapStatus,
  capabilities: z.array(ZCapability).max(20),
  /** People the team sends (deployed) or has ready (available). */
  people: z.number().int().min(0).optional(),
  /** The team's base: an organisation's address, not a person's; where available teams sit. */
  base: ZPoint.optional(),
  /** The incident it is deployed to, while deployed. */
  incidentId: ZUuid.optional(),
  /** The leader's phone: whole for a commander of the incident it serves, masked elsewhere. */
  contactPhone: personal(z.string().min(3).max(32), 'contact').optional(),
});
export type TTeamMapItem = z.infer<typeof ZTeamMapItem>;

/** A risk register entry (风险点) at its place, with its assessed level (重大/较大/一般/低). */
export const ZRiskPointMapItem = z.object({
  riskPointId: ZUuid,
  name: z.string().min(1).max(200),
  kind: z.string().min(1).max(64),
  level: ZRiskLevel,
  location: ZPoint,
  /** The responsible department's name (an organisation, not a person). */
  department: z.string().max(100).optional(),
});
export type TRiskPointMapItem = z.infer<typeof ZRiskPointMapItem>;

/** A monitoring point with its latest reading and where that stands against its thresholds. */
export const ZMonitoringPointMapItem = z.object({
  pointId: ZUuid,
  name: z.string().min(1).max(200),
  kind: z.string().min(1).max(64),
  location: ZPoint,
  latest: z
    .object({ value: z.number(), unit: z.string().max(20), observedAt: ZInstant })
    .optional(),
  /** `normal`, or the warning level of the highest threshold crossed. */
  threshold: z.union([z.literal('normal'), ZWarningLevel]),
});
export type TMonitoringPointMapItem = z.infer<typeof ZMonitoringPointMapItem>;

/** A requisitioned resource where it is used; its owner is never on the map. */
export const REQUISITION_MAP_STATUSES = ['in_use', 'due_back', 'returned'] as const;
export const ZRequisitionMapItem = z.object({
  orderId: ZUuid,
  itemId: ZUuid,
  incidentId: ZUuid,
  description: z.string().min(1).max(200),
  certificateNumber: z.string().min(1).max(64),
  status: z.enum(REQUISITION_MAP_STATUSES),
  location: ZPoint,
});
export type TRequisitionMapItem = z.infer<typeof ZRequisitionMapItem>;

/** The item schema of each layer: the gateway projects with it, the browser parses with it. */
export const mapLayerSchemas = {
  warnings: ZWarningMapItem,
  incidents: ZIncidentMapItem,
  teams: ZTeamMapItem,
  risk_points: ZRiskPointMapItem,
  monitoring_points: ZMonitoringPointMapItem,
  requisitions: ZRequisitionMapItem,
} as const satisfies Record<MapLayer, z.ZodType>;
export type MapLayerItem<L extends MapLayer> = z.infer<(typeof mapLayerSchemas)[L]>;
