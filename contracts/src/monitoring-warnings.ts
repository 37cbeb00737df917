import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZAdminAreaCode, ZLonLat } from './geo.ts';
import { ZPoint, ZWarningLevel } from './vocabulary.ts';
import { ZWarningCategory } from './monitoring-categories.ts';
import { ringIssues } from './monitoring-geometry.ts';

export * from './monitoring-geometry.ts';

/** Limits with why: a CAP polygon of a district outline fits; more is a slip or abuse. */
export const WARNING_LIMITS = {
  ringVertices: 1000,
  polygons: 50,
  circles: 20,
  areaCodes: 500,
  measures: 40,
  text: 4000,
} as const;

/** A ring without holes, lon,lat as GeoJSON: closed, ≥ 4 positions, not crossing itself. */
const ZWarningRing = z
  .array(ZLonLat)
  .min(4)
  .max(WARNING_LIMITS.ringVertices)
  .superRefine((ring, ctx) => {
    for (const message of ringIssues(ring)) ctx.addIssue({ code: 'custom', message });
  });

/** A GeoJSON Polygon of one outer ring: CAP polygons have no holes. */
export const ZWarningPolygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.tuple([ZWarningRing]),
});

export const ZCircle = z.object({
  center: ZPoint,
  radiusKm: z.number().positive().max(500),
});

/**
 * 可能影响的范围: GeoJSON polygons and/or circles, and/or GB/T 2260 codes; at least one of them.
 */
export const ZWarningArea = z
  .object({
    description: z.string().trim().min(1).max(500),
    codes: z.array(ZAdminAreaCode).max(WARNING_LIMITS.areaCodes).default([]),
    polygons: z.array(ZWarningPolygon).max(WARNING_LIMITS.polygons).default([]),
    circles: z.array(ZCircle).max(WARNING_LIMITS.circles).default([]),
  })
  .refine(
    (a) => a.codes.length + a.polygons.length + a.circles.length > 0,
    '范围须有行政区划代码、多边形或圆之一 / give area codes, polygons or circles',
  );
export type TWarningArea = z.infer<typeof ZWarningArea>;

/** One measure or piece of advice, Chinese first, with the article it rests on. */
export const ZMeasure = z.object({
  zh: z.string().trim().min(1).max(500),
  en: z.string().trim().max(500).optional(),
  article: z.string().max(40).optional(),
});
export type TMeasure = z.infer<typeof ZMeasure>;

const text = () => z.string().trim().max(WARNING_LIMITS.text);

/** What a draft may hold; `submit` checks art. 64's required content. */
export const ZWarningContent = z.object({
  category: ZWarningCategory,
  level: ZWarningLevel,
  headline: z.string().trim().min(1).max(200),
  headlineEn: z.string().trim().max(200).optional(),
  area: ZWarningArea.optional(),
  onset: ZInstant.optional(),
  expiresAt: ZInstant.optional(),
  /** 可能影响的范围与警示事项. */
  impacts: text().optional(),
  impactsEn: text().optional(),
  /** 应当采取的措施 (art. 66/67); omitted: the measure pack of the level is proposed. */
  measures: z.array(ZMeasure).max(WARNING_LIMITS.measures).optional(),
  /** Advice to the public (防御指南). */
  advice: text().optional(),
  adviceEn: text().optional(),
  /** 发布单位. */
  issuer: z.string().trim().min(1).max(100).optional(),
});
export type TWarningContent = z.infer<typeof ZWarningContent>;

export const ZWarningDraftRequest = ZWarningContent.extend({
  /** A drill's warning: CAP status Exercise, never on the public feed as real. */
  exercise: z.boolean().default(false),
  drillRunId: ZUuid.optional(),
}).refine((w) => !w.drillRunId || w.exercise, {
  path: ['drillRunId'],
  message: '演练编号只用于演练预警 / drillRunId only with exercise: true',
});
export type TWarningDraftRequest = z.infer<typeof ZWarningDraftRequest>;

/** Fields an adjustment may change (art. 70): level, area, measures, and their wording. */
export const ZAdjustChanges = ZWarningContent.pick({
  level: true,
  headline: true,
  headlineEn: true,
  area: true,
  expiresAt: true,
  impacts: true,
  impactsEn: true,
  measures: true,
  advice: true,
  adviceEn: true,
}).partial();
export type TAdjustChanges = z.infer<typeof ZAdjustChanges>;

export const ZAmendmentRequest = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('adjust'),
    changes: ZAdjustChanges,
    reason: z.string().trim().min(2).max(1000),
  }),
  z.object({ action: z.literal('lift'), reason: z.string().trim().min(2).max(1000) }),
]);
export type TAmendmentRequest = z.infer<typeof ZAmendmentRequest>;

export const WARNING_STATUSES = [
  'draft',
  'pending_approval',
  'issued',
  'adjusted',
  'lifted',
  'expired',
  'discarded',
] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export const ZWarningStatus = z.enum(WARNING_STATUSES);
/** In force: published and neither lifted nor expired. */
export const WARNING_IN_FORCE: readonly WarningStatus[] = ['issued', 'adjusted'];

export const ZAmendment = z.object({
  id: ZUuid,
  action: z.enum(['adjust', 'lift']),
  status: z.enum(['proposed', 'pending', 'approved', 'returned']),
  changes: ZAdjustChanges,
  reason: z.string(),
  proposedBy: z.string(),
  submittedBy: ZUuid.nullable(),
  submittedAt: ZInstant.nullable(),
});
export type TAmendment = z.infer<typeof ZAmendment>;

export const ZWarning = ZWarningContent.extend({
  id: ZUuid,
  status: ZWarningStatus,
  /** `external`: an upstream agency's CAP alert, imported. */
  origin: z.enum(['own', 'external']),
  exercise: z.boolean(),
  drillRunId: ZUuid.nullable(),
  /** An account id, or `system` for a draft a threshold crossing proposed. */
  proposedBy: z.string(),
  proposal: z
    .object({ ruleId: ZUuid, pointId: ZUuid, observedAt: ZInstant, value: z.number() })
    .nullable(),
  submittedBy: ZUuid.nullable(),
  approvedBy: ZUuid.nullable(),
  returnReason: z.string().nullable(),
  issuedAt: ZInstant.nullable(),
  adjustedAt: ZInstant.nullable(),
  endedAt: ZInstant.nullable(),
  endReason: z.string().nullable(),
  pendingAmendment: ZAmendment.nullable(),
  /** The CAP identifiers of every message published for it, oldest first. */
  capIdentifiers: z.array(z.string()),
  senderName: z.string().nullable(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TWarning = z.infer<typeof ZWarning>;

export const ZWarningListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The last id of the previous page (`nextCursor`). */
  cursor: ZUuid.optional(),
  status: ZWarningStatus.optional(),
  origin: z.enum(['own', 'external']).optional(),
  exercise: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const ZWarningList = z.object({
  items: z.array(ZWarning),
  nextCursor: z.string().nullable(),
});

export const ZReturnWarningRequest = z.object({ reason: z.string().trim().min(2).max(1000) });

/** A measure pack (art. 66 for blue/yellow, art. 67 on top for orange/red), editable data. */
export const ZMeasurePack = z.object({
  level: ZWarningLevel,
  /** Null: the pack of every category without one of its own. */
  category: ZWarningCategory.nullable(),
  measures: z.array(ZMeasure).min(1).max(WARNING_LIMITS.measures),
  updatedAt: ZInstant,
});
export const ZMeasurePackList = z.object({ items: z.array(ZMeasurePack) });
export const ZMeasurePackRequest = z.object({
  measures: z.array(ZMeasure).min(1).max(WARNING_LIMITS.measures),
});
export const ZMeasurePackParams = z.object({
  level: ZWarningLevel,
  category: z.union([ZWarningCategory, z.literal('default')]),
});
