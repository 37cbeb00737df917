import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZPoint, ZWarningLevel } from './vocabulary.ts';
import { ZWarningCategory } from './monitoring-categories.ts';
import { ZMeasure, ZWarningArea } from './monitoring-warnings.ts';
import { ZPointKind, ZPointStatus } from './monitoring.ts';
import { ZRiskLevel, ZRiskType } from './monitoring-risks.ts';

/** Limits of a CAP document Muster reads from an upstream agency, with why. */
export const CAP_LIMITS = {
  /** A real alert with a detailed polygon is tens of KiB; 256 KiB leaves room, not a bomb. */
  bytes: 262_144,
  /** CAP nests five levels (alert/info/area/geocode/value); twelve allows signatures. */
  depth: 12,
} as const;

export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const;
export const ZCapMessage = z.object({
  identifier: z.string(),
  sender: z.string(),
  /** As written in the message, with its +08:00 offset. */
  sent: z.string(),
  msgType: z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error']),
  status: z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft']),
  warningId: ZUuid.nullable(),
  external: z.boolean(),
  references: z.array(z.string()),
});
export type TCapMessage = z.infer<typeof ZCapMessage>;
export const ZCapMessageList = z.object({ items: z.array(ZCapMessage) });

/** An upstream alert, as raw XML (`application/cap+xml`) or wrapped in JSON. */
export const ZCapImportRequest = z.object({ xml: z.string().min(1).max(1_048_576) });
export const ZCapImportResult = z.object({
  warningId: ZUuid.nullable(),
  identifier: z.string(),
  msgType: z.string(),
  status: z.string(),
  /** The same message had been imported before; nothing changed. */
  duplicate: z.boolean(),
});

/** A warning as the public sees it: no person, no account, never an exercise. */
export const ZPublicWarning = z.object({
  id: ZUuid,
  origin: z.enum(['own', 'external']),
  issuer: z.string().nullable(),
  category: ZWarningCategory,
  categoryLabel: z.object({ zh: z.string(), en: z.string() }),
  level: ZWarningLevel,
  levelLabel: z.object({ zh: z.string(), en: z.string() }),
  headline: z.string(),
  headlineEn: z.string().nullable(),
  area: ZWarningArea,
  onset: ZInstant.nullable(),
  expiresAt: ZInstant.nullable(),
  issuedAt: ZInstant.nullable(),
  adjustedAt: ZInstant.nullable(),
  impacts: z.string().nullable(),
  measures: z.array(ZMeasure),
  advice: z.string().nullable(),
  capIdentifier: z.string().nullable(),
});
export type TPublicWarning = z.infer<typeof ZPublicWarning>;
export const ZPublicWarningList = z.object({ items: z.array(ZPublicWarning), at: ZInstant });
/**
 * A CAP message's identifier as a path parameter: CAP 1.2 allows no spaces, commas or restricted
 * characters (`<`, `&`) in it, and none can hold a control character (PostgreSQL refuses NUL).
 */
export const ZCapIdentifierParams = z.object({
  identifier: z
    .string()
    .min(1)
    .max(200)
    .regex(
      // eslint-disable-next-line no-control-regex
      /^[^\s,<&\u0000-\u001f\u007f]+$/,
      'a CAP identifier has no spaces, commas, < or &, nor control characters',
    ),
});

/** The command map's monitoring layers (warnings 红橙黄蓝, points, risk points). */
export const ZMapLayers = z.object({
  warnings: z.array(
    z.object({
      id: ZUuid,
      level: ZWarningLevel,
      category: ZWarningCategory,
      headline: z.string(),
      exercise: z.boolean(),
      origin: z.enum(['own', 'external']),
      area: ZWarningArea,
    }),
  ),
  points: z.array(
    z.object({
      id: ZUuid,
      name: z.string(),
      kind: ZPointKind,
      location: ZPoint,
      status: ZPointStatus,
      unit: z.string(),
      latest: z.object({ value: z.number(), observedAt: ZInstant }).nullable(),
      /** The highest level whose rule is active at the point, or null. */
      activeLevel: ZWarningLevel.nullable(),
    }),
  ),
  risks: z.array(
    z.object({
      id: ZUuid,
      name: z.string(),
      type: ZRiskType,
      riskLevel: ZRiskLevel,
      location: ZPoint.nullable(),
      overdue: z.boolean(),
    }),
  ),
});
export type TMapLayers = z.infer<typeof ZMapLayers>;
