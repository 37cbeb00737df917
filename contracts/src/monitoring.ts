import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZAdminAreaCode } from './geo.ts';
import { ZPoint, ZWarningLevel } from './vocabulary.ts';
import { ZWarningCategory } from './monitoring-categories.ts';

export * from './monitoring-categories.ts';

/**
 * What a monitoring point measures, the one unit its readings must be in, and the range a real
 * sensor of that kind can report. A value outside it is a broken sensor or a typo, never a
 * flood: it is refused, not evaluated.
 */
export const POINT_KINDS = {
  rainfall: { unit: 'mm', min: 0, max: 500, zh: '降雨量', en: 'Rainfall' },
  river_level: { unit: 'm', min: -50, max: 2000, zh: '河道水位', en: 'River level' },
  reservoir_level: { unit: 'm', min: -50, max: 2000, zh: '水库水位', en: 'Reservoir level' },
  waterlogging_depth: { unit: 'cm', min: 0, max: 500, zh: '积水深度', en: 'Waterlogging depth' },
  landslide_displacement: {
    unit: 'mm',
    min: -10_000,
    max: 10_000,
    zh: '滑坡位移',
    en: 'Landslide displacement',
  },
  gas_concentration: { unit: '%LEL', min: 0, max: 100, zh: '燃气浓度', en: 'Gas concentration' },
  wind_speed: { unit: 'm/s', min: 0, max: 100, zh: '风速', en: 'Wind speed' },
  temperature: { unit: '°C', min: -60, max: 70, zh: '气温', en: 'Temperature' },
  seismic_intensity: { unit: 'MMI', min: 0, max: 12, zh: '地震烈度', en: 'Seismic intensity' },
} as const;
export type PointKind = keyof typeof POINT_KINDS;
export const ZPointKind = z.enum(Object.keys(POINT_KINDS) as [PointKind, ...PointKind[]]);

/** Limits with why. */
export const MONITORING_LIMITS = {
  /** A gateway batch: a minute of a busy station's readings; bigger batches hold locks too long. */
  batchReadings: 1000,
  /** Clock skew a sensor may have before its future timestamp is refused. */
  futureSkewS: 300,
  /** Readings older than this are refused: a replayed archive belongs in an import, not the feed. */
  maxAgeS: 7 * 86_400,
  /** A rule's sustain, clear and rate windows: at most a day. */
  windowMaxS: 86_400,
} as const;

export const POINT_STATUSES = ['online', 'offline', 'retired'] as const;
export const ZPointStatus = z.enum(POINT_STATUSES);

export const ZPointRequest = z.object({
  name: z.string().trim().min(1).max(100),
  kind: ZPointKind,
  location: ZPoint,
  /** The subdistrict (or district) the point stands in: warnings it proposes name this area. */
  areaCode: ZAdminAreaCode,
  /** The department that owns and maintains the point (联防联控 partner). */
  departmentId: z.string().trim().min(1).max(64),
  /** How often the point reports; it is offline after three intervals without a message. */
  heartbeatS: z.number().int().min(10).max(86_400).default(300),
  /** A drill's point (issue 9): everything its readings cause is an exercise of that run. */
  drillRunId: ZUuid.optional(),
});
export type TPointRequest = z.infer<typeof ZPointRequest>;

export const ZMonitoringPoint = ZPointRequest.extend({
  id: ZUuid,
  unit: z.string(),
  status: ZPointStatus,
  lastSeenAt: ZInstant.nullable(),
  latest: z.object({ value: z.number(), observedAt: ZInstant }).nullable(),
  createdAt: ZInstant,
});
export type TMonitoringPoint = z.infer<typeof ZMonitoringPoint>;

export const ZPointList = z.object({
  items: z.array(ZMonitoringPoint),
  nextCursor: z.string().nullable(),
});

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * A sensor's message on `<namespace>.monitoring.reading.<pointId>` (outside input): a reading,
 * or a bare heartbeat from a point with nothing to report.
 */
export const ZSensorReading = z.object({
  observedAt: ZInstant,
  value: finite,
  unit: z.string().min(1).max(20),
});
export const ZSensorHeartbeat = z.object({ heartbeatAt: ZInstant });
export const ZSensorMessage = z.union([ZSensorReading, ZSensorHeartbeat]);
export type TSensorMessage = z.infer<typeof ZSensorMessage>;

/** A gateway's batch over HTTP: readings of any of its points. */
export const ZReadingBatch = z.object({
  readings: z
    .array(ZSensorReading.extend({ pointId: ZUuid }))
    .min(1)
    .max(MONITORING_LIMITS.batchReadings),
});
export type TReadingBatch = z.infer<typeof ZReadingBatch>;

export const ZReadingBatchResult = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  /** Stored, but older than what the point's rules had already evaluated: history only. */
  late: z.number().int(),
  crossings: z.number().int(),
});
export type TReadingBatchResult = z.infer<typeof ZReadingBatchResult>;

export const ZReadingQuery = z.object({
  from: ZInstant.optional(),
  to: ZInstant.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export const ZReadingList = z.object({
  items: z.array(z.object({ observedAt: ZInstant, value: z.number() })),
});

/** A rule fires on the value itself held long enough, or on how fast it rises. */
export const RULE_TRIGGERS = ['sustained', 'rate'] as const;

const windowS = z.number().int().min(0).max(MONITORING_LIMITS.windowMaxS);

/**
 * A threshold rule for one point, or for every point of a kind. `sustained`: the value stays at
 * or above `threshold` for `sustainS`. `rate`: the value rises by `threshold` (in the point's
 * unit) within `rateWindowS`, held for `sustainS`. Clearing needs the measure below
 * `threshold − hysteresis` for `clearAfterS`, so a value hovering at the line fires once.
 */
export const ZRuleRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    pointId: ZUuid.optional(),
    kind: ZPointKind.optional(),
    level: ZWarningLevel,
    /** The warning category a crossing proposes (e.g. flood for a river level). */
    category: ZWarningCategory,
    trigger: z.enum(RULE_TRIGGERS),
    threshold: finite,
    sustainS: windowS.default(0),
    rateWindowS: windowS.optional(),
    hysteresis: z.number().min(0).default(0),
    clearAfterS: windowS.default(0),
    enabled: z.boolean().default(true),
  })
  .superRefine((r, ctx) => {
    if ((r.pointId === undefined) === (r.kind === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['pointId'],
        message: '规则须指定监测点或类型之一 / name exactly one of pointId and kind',
      });
    if (r.trigger === 'rate' && !r.rateWindowS)
      ctx.addIssue({
        code: 'custom',
        path: ['rateWindowS'],
        message: '涨率规则须给出时间窗 / a rate rule needs rateWindowS',
      });
  });
export type TRuleRequest = z.infer<typeof ZRuleRequest>;

export const RULE_STATES = ['normal', 'pending', 'active', 'clearing'] as const;
export type RuleStateName = (typeof RULE_STATES)[number];

export const ZThresholdRule = z.object({
  id: ZUuid,
  name: z.string(),
  pointId: ZUuid.nullable(),
  kind: ZPointKind.nullable(),
  level: ZWarningLevel,
  category: ZWarningCategory,
  trigger: z.enum(RULE_TRIGGERS),
  threshold: z.number(),
  sustainS: z.number().int(),
  rateWindowS: z.number().int().nullable(),
  hysteresis: z.number(),
  clearAfterS: z.number().int(),
  enabled: z.boolean(),
  createdAt: ZInstant,
});
export type TThresholdRule = z.infer<typeof ZThresholdRule>;
export const ZRuleList = z.object({ items: z.array(ZThresholdRule) });

/** A rule's state at one point, as the console and the map show it. */
export const ZRuleStateView = z.object({
  ruleId: ZUuid,
  pointId: ZUuid,
  level: ZWarningLevel,
  state: z.enum(RULE_STATES),
  since: ZInstant.nullable(),
  lastObservedAt: ZInstant.nullable(),
});
export type TRuleStateView = z.infer<typeof ZRuleStateView>;
