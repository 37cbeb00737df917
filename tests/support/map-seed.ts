import { randomUUID } from 'node:crypto';
import type {
  TIncidentMapItem,
  TMonitoringPointMapItem,
  TRequisitionMapItem,
  TRiskPointMapItem,
  TTeamMapItem,
  TWarningMapItem,
} from '@muster/contracts';
import {
  ZIncidentMapItem,
  ZMonitoringPointMapItem,
  ZRequisitionMapItem,
  ZRiskPointMapItem,
  ZTeamMapItem,
  ZWarningMapItem,
} from '@muster/contracts';
import type { Muster } from '../../backend/src/app.ts';
import { audiences } from '../../backend/src/platform/realtime/layer-source.ts';
import { tableLayerSource, type TestMapItem } from '../../backend/src/testing/map-layers.ts';

/*
 * A small Beibei scene for the browser tests, put on the map through the test layer sources
 * (a table and real events through the outbox), shaped exactly as the modules' sources will
 * shape them (contracts/src/map-layers.ts).
 */

/** The test layer sources of every command map layer, with the contracts' item schemas. */
export function mapTestSources() {
  return [
    tableLayerSource('warnings', ZWarningMapItem),
    tableLayerSource('incidents', ZIncidentMapItem),
    tableLayerSource('teams', ZTeamMapItem),
    tableLayerSource('risk_points', ZRiskPointMapItem),
    tableLayerSource('monitoring_points', ZMonitoringPointMapItem),
    tableLayerSource('requisitions', ZRequisitionMapItem),
  ];
}

const NOW = () => new Date().toISOString();

const ring = (cx: number, cy: number, rx: number, ry: number): [number, number][] => {
  const pts: [number, number][] = [];
  for (let i = 0; i < 16; i++) {
    const a = (i / 16) * 2 * Math.PI;
    const wobble = 1 + 0.15 * Math.sin(3 * a);
    pts.push([
      Math.round((cx + rx * wobble * Math.cos(a)) * 1e5) / 1e5,
      Math.round((cy + ry * wobble * Math.sin(a)) * 1e5) / 1e5,
    ]);
  }
  pts.push(pts[0]!);
  return pts;
};

export function warningItem(o: Partial<TWarningMapItem> & { id?: string } = {}): TestMapItem {
  const id = o.id ?? randomUUID();
  const data: TWarningMapItem = {
    warningId: id,
    level: 'orange',
    category: 'flood',
    headline: '嘉陵江北碚段洪水橙色预警',
    areaCodes: ['500109001', '500109002'],
    area: { type: 'Polygon', coordinates: [ring(106.44, 29.83, 0.035, 0.03)] },
    issuedAt: NOW(),
    ...o,
  };
  return { layer: 'warnings', id, data, audience: audiences.everyone };
}

export function incidentItem(o: Partial<TIncidentMapItem> & { id?: string } = {}): TestMapItem {
  const id = o.id ?? randomUUID();
  const data: TIncidentMapItem = {
    incidentId: id,
    title: '北温泉片区山洪',
    category: 'natural_disaster',
    status: 'responding',
    grade: 'III',
    responseLevel: 'III',
    location: { lon: 106.418, lat: 29.852 },
    awareAt: NOW(),
    deployedTeams: 2,
    ...o,
  };
  return { layer: 'incidents', id, data, audience: audiences.everyone, incidentId: id };
}

export function teamItem(o: Partial<TTeamMapItem> & { teamId: string }): TestMapItem {
  const data: TTeamMapItem = {
    name: '北碚蓝天救援队',
    kind: 'ngo_rescue',
    status: 'available',
    capabilities: ['water_rescue'],
    people: 8,
    ...o,
  };
  return {
    layer: 'teams',
    id: o.teamId,
    data,
    audience: { ...audiences.everyone, teamId: o.teamId },
    ...(o.incidentId ? { incidentId: o.incidentId } : {}),
    subject: { type: 'team', id: o.teamId, teamId: o.teamId },
  };
}

/** Monitoring points, risk points and a requisitioned excavator near the incident. */
export function placeItems(incidentId: string): TestMapItem[] {
  const station = (
    name: string,
    lon: number,
    lat: number,
    value: number,
    threshold: TMonitoringPointMapItem['threshold'],
  ): TestMapItem => {
    const id = randomUUID();
    const data: TMonitoringPointMapItem = {
      pointId: id,
      name,
      kind: 'water_level',
      location: { lon, lat },
      latest: { value, unit: 'm', observedAt: NOW() },
      threshold,
    };
    return { layer: 'monitoring_points', id, data, audience: audiences.everyone };
  };
  const risk = (
    name: string,
    lon: number,
    lat: number,
    level: TRiskPointMapItem['level'],
  ): TestMapItem => {
    const id = randomUUID();
    const data: TRiskPointMapItem = {
      riskPointId: id,
      name,
      kind: 'landslide',
      level,
      location: { lon, lat },
      department: '区规划自然资源局',
    };
    return { layer: 'risk_points', id, data, audience: audiences.everyone };
  };
  const orderId = randomUUID();
  const itemId = randomUUID();
  const excavator: TRequisitionMapItem = {
    orderId,
    itemId,
    incidentId,
    description: '挖掘机 1 台',
    certificateNumber: 'BB-2025-0001',
    status: 'in_use',
    location: { lon: 106.421, lat: 29.856 },
  };
  return [
    station('北碚水文站', 106.447, 29.823, 196.2, 'orange'),
    station('澄江水位站', 106.41, 29.884, 188.4, 'yellow'),
    station('童家溪水位站', 106.462, 29.71, 181.0, 'normal'),
    risk('缙云山滑坡隐患点', 106.392, 29.842, 'significant'),
    risk('东阳街道低洼易涝点', 106.458, 29.848, 'general'),
    risk('歇马危岩带', 106.38, 29.78, 'major'),
    { layer: 'requisitions', id: itemId, data: excavator, audience: audiences.office, incidentId },
  ];
}

/** Available teams at bases spread over the district (clustered on the map). */
export function availableTeams(n: number): TestMapItem[] {
  return Array.from({ length: n }, (_, i) => {
    const teamId = randomUUID();
    const a = (i * 137.5 * Math.PI) / 180;
    const r = 0.02 + 0.1 * Math.sqrt(i / n);
    return teamItem({
      teamId,
      name: `志愿救援分队 ${i + 1}`,
      base: {
        lon: Math.round((106.49 + r * Math.cos(a)) * 1e4) / 1e4,
        lat: Math.round((29.86 + r * Math.sin(a) * 0.9) * 1e4) / 1e4,
      },
    });
  });
}

export type { Muster };
