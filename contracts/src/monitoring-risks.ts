import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZAdminAreaCode } from './geo.ts';
import { personal } from './personal.ts';
import { ZPoint, ZWarningLevel } from './vocabulary.ts';
import { ZWarningCategory } from './monitoring-categories.ts';
import { ZWarningPolygon } from './monitoring-warnings.ts';

/** 危险源、危险区域 (Emergency Response Law art. 33): the kinds the district registers. */
export const RISK_TYPES = {
  flood_prone: { zh: '易涝积水点', en: 'Flood-prone spot' },
  landslide: { zh: '地质灾害隐患点', en: 'Landslide hazard' },
  reservoir_dam: { zh: '水库山坪塘', en: 'Reservoir or dam' },
  hazmat_site: { zh: '危险化学品场所', en: 'Hazardous chemicals site' },
  gas_pipeline: { zh: '燃气管网', en: 'Gas pipeline' },
  dangerous_building: { zh: '危旧房屋', en: 'Dangerous building' },
  crowded_place: { zh: '人员密集场所', en: 'Crowded place' },
  forest_fire: { zh: '森林火险区', en: 'Forest fire area' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type RiskType = keyof typeof RISK_TYPES;
export const ZRiskType = z.enum(Object.keys(RISK_TYPES) as [RiskType, ...RiskType[]]);

/** 风险等级: 重大 / 较大 / 一般 / 低. */
export const RISK_LEVELS = ['major', 'significant', 'general', 'low'] as const;
export const ZRiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof ZRiskLevel>;
export const RISK_LEVEL_LABELS: Record<RiskLevel, { zh: string; en: string }> = {
  major: { zh: '重大', en: 'Major' },
  significant: { zh: '较大', en: 'Significant' },
  general: { zh: '一般', en: 'General' },
  low: { zh: '低', en: 'Low' },
};

/** The responsible person on site: contact information (shown per the one policy). */
export const ZRiskContact = z.object({
  name: personal(z.string().trim().min(1).max(50), 'contact'),
  phone: personal(
    z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'a mobile or landline number'),
    'contact',
  ),
});

export const ZRiskPointRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    type: ZRiskType,
    riskLevel: ZRiskLevel,
    /** A point (a site) or an area (a zone), or both. */
    location: ZPoint.optional(),
    area: ZWarningPolygon.optional(),
    areaCode: ZAdminAreaCode,
    departmentId: z.string().trim().min(1).max(64),
    contact: ZRiskContact,
    controls: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
    /** 定期检查 (art. 33): days between inspections. */
    inspectionEveryDays: z.number().int().min(1).max(366),
    lastInspectedAt: ZInstant.optional(),
  })
  .refine((r) => r.location !== undefined || r.area !== undefined, {
    path: ['location'],
    message: '须给出位置或范围 / give a location or an area',
  });
export type TRiskPointRequest = z.infer<typeof ZRiskPointRequest>;

/** As shown: each contact field is optional, since the projection masks or removes it per viewer. */
const shownContact = () => personal(z.string(), 'contact').optional();

export const ZRiskPoint = z.object({
  id: ZUuid,
  name: z.string(),
  type: ZRiskType,
  riskLevel: ZRiskLevel,
  location: ZPoint.nullable(),
  area: ZWarningPolygon.nullable(),
  areaCode: ZAdminAreaCode,
  departmentId: z.string(),
  contact: z.object({ name: shownContact(), phone: shownContact() }),
  controls: z.array(z.string()),
  inspectionEveryDays: z.number().int(),
  lastInspectedAt: ZInstant.nullable(),
  nextInspectionDue: ZInstant,
  overdue: z.boolean(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TRiskPoint = z.infer<typeof ZRiskPoint>;

export const ZRiskListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The last id of the previous page (`nextCursor`). */
  cursor: ZUuid.optional(),
  type: ZRiskType.optional(),
  departmentId: z.string().max(64).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const ZRiskList = z.object({
  items: z.array(ZRiskPoint),
  nextCursor: z.string().nullable(),
});

export const ZAssessmentRequest = z.object({
  riskLevel: ZRiskLevel,
  method: z.string().trim().min(1).max(200),
  findings: z.string().trim().min(1).max(4000),
});
export const ZAssessment = ZAssessmentRequest.extend({
  id: ZUuid,
  previousLevel: ZRiskLevel,
  assessedBy: ZUuid,
  assessedAt: ZInstant,
});
export const ZInspectionRequest = z.object({
  inspectedAt: ZInstant,
  findings: z.string().trim().min(1).max(4000),
  hazardsFound: z.boolean(),
});
export const ZInspection = ZInspectionRequest.extend({ id: ZUuid, inspectedBy: ZUuid });
export const ZRiskHistory = z.object({
  assessments: z.array(ZAssessment),
  inspections: z.array(ZInspection),
});

/** 联防联控: which department owns which risk types and areas, and which warnings reach it. */
export const ZResponsibilityRequest = z.object({
  departmentName: z.string().trim().min(1).max(100),
  riskTypes: z.array(ZRiskType).max(20).default([]),
  /** Empty: the whole district. */
  areaCodes: z.array(ZAdminAreaCode).max(500).default([]),
  warningCategories: z.array(ZWarningCategory).max(20).default([]),
  /** Warnings at or above this level reach the department's inbox. */
  minWarningLevel: ZWarningLevel.default('blue'),
});
export const ZResponsibility = ZResponsibilityRequest.extend({
  departmentId: z.string(),
  updatedAt: ZInstant,
});
export const ZResponsibilityList = z.object({ items: z.array(ZResponsibility) });
export const ZDepartmentParams = z.object({
  departmentId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, dot, dash, underscore'),
});

export const INBOX_KINDS = ['warning', 'inspection_overdue', 'threshold'] as const;
export const ZInboxItem = z.object({
  id: ZUuid,
  departmentId: z.string(),
  kind: z.enum(INBOX_KINDS),
  refId: ZUuid,
  title: z.string(),
  level: ZWarningLevel.nullable(),
  exercise: z.boolean(),
  createdAt: ZInstant,
  readAt: ZInstant.nullable(),
});
export const ZInboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The last id of the previous page (`nextCursor`). */
  cursor: ZUuid.optional(),
  departmentId: z.string().max(64).optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const ZInboxList = z.object({
  items: z.array(ZInboxItem),
  nextCursor: z.string().nullable(),
});
