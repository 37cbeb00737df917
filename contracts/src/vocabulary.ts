import { z } from 'zod';

/*
 * Words every module shares (../shared/domain/README.md). UI is Chinese first: each list has its
 * labels in zh-CN and en beside it, so the console, the map and exports say the same thing.
 */

/** 预警级别 (Emergency Response Law art. 63): red 一级 is the highest, blue 四级 the lowest. */
export const WARNING_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
export const ZWarningLevel = z.enum(WARNING_LEVELS);
export type WarningLevel = z.infer<typeof ZWarningLevel>;
export const WARNING_LEVEL_LABELS: Record<WarningLevel, { zh: string; en: string }> = {
  red: { zh: '红色（一级）', en: 'Red (level 1)' },
  orange: { zh: '橙色（二级）', en: 'Orange (level 2)' },
  yellow: { zh: '黄色（三级）', en: 'Yellow (level 3)' },
  blue: { zh: '蓝色（四级）', en: 'Blue (level 4)' },
};

/** 事件分级 (art. 3): I 特别重大, II 重大, III 较大, IV 一般. */
export const INCIDENT_GRADES = ['I', 'II', 'III', 'IV'] as const;
export const ZIncidentGrade = z.enum(INCIDENT_GRADES);
export type IncidentGrade = z.infer<typeof ZIncidentGrade>;
export const INCIDENT_GRADE_LABELS: Record<IncidentGrade, { zh: string; en: string }> = {
  I: { zh: '特别重大', en: 'Grade I (extraordinarily serious)' },
  II: { zh: '重大', en: 'Grade II (major)' },
  III: { zh: '较大', en: 'Grade III (serious)' },
  IV: { zh: '一般', en: 'Grade IV (general)' },
};

/** 应急响应级别 (art. 71): I is the highest. */
export const RESPONSE_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export const ZResponseLevel = z.enum(RESPONSE_LEVELS);
export type ResponseLevel = z.infer<typeof ZResponseLevel>;
export const RESPONSE_LEVEL_LABELS: Record<ResponseLevel, { zh: string; en: string }> = {
  I: { zh: 'Ⅰ级响应', en: 'Level I response' },
  II: { zh: 'Ⅱ级响应', en: 'Level II response' },
  III: { zh: 'Ⅲ级响应', en: 'Level III response' },
  IV: { zh: 'Ⅳ级响应', en: 'Level IV response' },
};

/** The four kinds of emergencies (art. 2); each has subtypes kept as data by the response module. */
export const INCIDENT_CATEGORIES = [
  'natural_disaster',
  'accident',
  'public_health',
  'social_security',
] as const;
export const ZIncidentCategory = z.enum(INCIDENT_CATEGORIES);
export type IncidentCategory = z.infer<typeof ZIncidentCategory>;
export const INCIDENT_CATEGORY_LABELS: Record<IncidentCategory, { zh: string; en: string }> = {
  natural_disaster: { zh: '自然灾害', en: 'Natural disaster' },
  accident: { zh: '事故灾难', en: 'Accident' },
  public_health: { zh: '公共卫生事件', en: 'Public health' },
  social_security: { zh: '社会安全事件', en: 'Social security' },
};

/**
 * Money in fen (分, 0.01 yuan) as a whole number: never a binary float. The cap keeps sums of
 * many amounts exact in a JavaScript number (2^53 fen is about 90 trillion yuan).
 */
export const ZFen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export type Fen = z.infer<typeof ZFen>;

/** A WGS-84 point as `{ lon, lat }` (a place, never a person's live position). */
export const ZPoint = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export type TPoint = z.infer<typeof ZPoint>;
