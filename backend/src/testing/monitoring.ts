import { randomInt } from 'node:crypto';
import type {
  TPointRequest,
  TRiskPointRequest,
  TRuleRequest,
  TWarningDraftRequest,
} from '@muster/contracts';

/** A river-level point in 天生街道, Beibei; override any part. */
export function buildPoint(o: Partial<TPointRequest> = {}): TPointRequest {
  return {
    name: `嘉陵江水位站-${randomInt(1_000_000)}`,
    kind: 'river_level',
    location: { lon: 106.44, lat: 29.83 },
    areaCode: '500109001',
    departmentId: 'water',
    heartbeatS: 60,
    ...o,
  };
}

export function buildRule(o: Partial<TRuleRequest> = {}): TRuleRequest {
  return {
    name: `水位黄色-${randomInt(1_000_000)}`,
    level: 'yellow',
    category: 'flood',
    trigger: 'sustained',
    threshold: 190,
    sustainS: 600,
    hysteresis: 0.5,
    clearAfterS: 1800,
    enabled: true,
    ...o,
  };
}

/** A complete draft (art. 64) starting now and ending in a day; override any part. */
export function buildWarning(
  now: Date,
  o: Partial<TWarningDraftRequest> = {},
): TWarningDraftRequest {
  return {
    category: 'rainstorm',
    level: 'yellow',
    headline: `北碚区暴雨黄色预警-${randomInt(1_000_000)}`,
    headlineEn: 'Beibei rainstorm yellow warning',
    area: {
      description: '北碚区天生街道、北温泉街道',
      codes: ['500109001', '500109002'],
      polygons: [
        {
          type: 'Polygon',
          coordinates: [
            [
              [106.4, 29.8],
              [106.5, 29.8],
              [106.5, 29.9],
              [106.4, 29.9],
              [106.4, 29.8],
            ],
          ],
        },
      ],
      circles: [{ center: { lon: 106.43, lat: 29.82 }, radiusKm: 5 }],
    },
    onset: now.toISOString(),
    expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
    impacts: '预计未来24小时内累计降雨量将达50毫米以上，可能引发山洪、城市内涝。',
    impactsEn:
      'More than 50 mm of rain expected within 24 hours; flash floods and waterlogging possible.',
    advice: '请减少外出，远离河道、低洼地带。',
    adviceEn: 'Stay indoors where possible; keep away from rivers and low ground.',
    exercise: false,
    ...o,
  };
}

/** A landslide risk point on 缙云山 owned by natural resources; override any part. */
export const buildRisk = (o: Partial<TRiskPointRequest> = {}): TRiskPointRequest => ({
  name: '缙云山滑坡隐患点',
  type: 'landslide',
  riskLevel: 'significant',
  location: { lon: 106.38, lat: 29.84 },
  areaCode: '500109001',
  departmentId: 'natres',
  contact: { name: '王责任', phone: '13800138000' },
  controls: ['雨季每日巡查', '设置警示牌'],
  inspectionEveryDays: 30,
  ...o,
});
