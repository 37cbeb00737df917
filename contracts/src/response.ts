import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZAdminAreaCode } from './geo.ts';
import { personal } from './personal.ts';
import { ZIncidentSource } from './events/response.ts';
import {
  ZFen,
  ZIncidentCategory,
  ZIncidentGrade,
  ZPoint,
  type IncidentCategory,
} from './vocabulary.ts';

/*
 * Incidents (突发事件) and their grading (Emergency Response Law art. 2–3). Subtypes are data:
 * adding one is a line here, never a new branch in code.
 */

export interface Label {
  zh: string;
  en: string;
}

/** The subtypes of each category, with labels (Chinese first). */
export const INCIDENT_SUBTYPES: Record<IncidentCategory, readonly ({ code: string } & Label)[]> = {
  natural_disaster: [
    { code: 'flood', zh: '洪涝灾害', en: 'Flood' },
    { code: 'urban_waterlogging', zh: '城市内涝', en: 'Urban waterlogging' },
    { code: 'geological', zh: '地质灾害（滑坡、泥石流、崩塌）', en: 'Geological hazard' },
    { code: 'meteorological', zh: '气象灾害（暴雨、高温、冰冻）', en: 'Severe weather' },
    { code: 'earthquake', zh: '地震灾害', en: 'Earthquake' },
    { code: 'forest_fire', zh: '森林火灾', en: 'Forest fire' },
  ],
  accident: [
    { code: 'work_safety', zh: '生产安全事故', en: 'Work-safety accident' },
    { code: 'traffic', zh: '道路交通事故', en: 'Road traffic accident' },
    { code: 'fire', zh: '火灾事故', en: 'Fire' },
    { code: 'hazardous_chemicals', zh: '危险化学品事故', en: 'Hazardous chemicals accident' },
    { code: 'utilities', zh: '供水供电供气设施事故', en: 'Utility failure' },
    { code: 'environmental', zh: '环境污染和生态破坏事件', en: 'Environmental pollution' },
  ],
  public_health: [
    { code: 'infectious_disease', zh: '传染病疫情', en: 'Infectious disease outbreak' },
    { code: 'unexplained_illness', zh: '群体性不明原因疾病', en: 'Cluster of unexplained illness' },
    { code: 'food_safety', zh: '食品安全事件', en: 'Food safety incident' },
    { code: 'poisoning', zh: '职业中毒', en: 'Occupational poisoning' },
    { code: 'animal_epidemic', zh: '动物疫情', en: 'Animal epidemic' },
  ],
  social_security: [
    { code: 'mass_incident', zh: '群体性事件', en: 'Mass incident' },
    { code: 'terrorist_attack', zh: '恐怖袭击事件', en: 'Terrorist attack' },
    { code: 'criminal_case', zh: '重大刑事案件', en: 'Major criminal case' },
    { code: 'economic_security', zh: '经济安全事件', en: 'Economic security incident' },
    { code: 'foreign_related', zh: '涉外突发事件', en: 'Foreign-related incident' },
  ],
};

export function isSubtypeOf(category: IncidentCategory, subtype: string): boolean {
  return INCIDENT_SUBTYPES[category].some((s) => s.code === subtype);
}

export const INCIDENT_SOURCE_LABELS: Record<z.infer<typeof ZIncidentSource>, Label> = {
  phone: { zh: '电话报告', en: 'Phone call' },
  department: { zh: '部门报送', en: 'Department report' },
  warning: { zh: '预警转化', en: 'From a warning' },
  sensor: { zh: '监测设备', en: 'Sensor' },
  public: { zh: '群众报告', en: 'Member of the public' },
};

/**
 * reported: known, no response level yet; responding: a level is active; recovery: the level was
 * terminated (art. 86), recovery and evaluation go on; closed: the response work has ended.
 */
export const INCIDENT_STATUSES = ['reported', 'responding', 'recovery', 'closed'] as const;
export const ZIncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof ZIncidentStatus>;
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, Label> = {
  reported: { zh: '已接报', en: 'Reported' },
  responding: { zh: '响应中', en: 'Responding' },
  recovery: { zh: '恢复重建', en: 'Recovery' },
  closed: { zh: '已关闭', en: 'Closed' },
};

const count = () => z.number().int().min(0).max(100_000_000);

/** The facts that suggest a grade. Deaths count the missing too (死亡（含失踪）). */
export const ZIncidentCriteria = z.object({
  deaths: count().default(0),
  missing: count().default(0),
  /** Seriously injured (重伤), or cases for a public-health incident. */
  injuries: count().default(0),
  /** People affected: evacuated, relocated or needing emergency relief. */
  affected: count().default(0),
  directLossFen: ZFen.default(0),
});
export type TIncidentCriteria = z.infer<typeof ZIncidentCriteria>;
export const GRADING_METRICS = ['deaths', 'injuries', 'affected', 'directLossFen'] as const;
export type GradingMetric = (typeof GRADING_METRICS)[number];
export const GRADING_METRIC_LABELS: Record<GradingMetric, Label> = {
  deaths: { zh: '死亡（含失踪）人数', en: 'Deaths (incl. missing)' },
  injuries: { zh: '重伤（病例）人数', en: 'Seriously injured (cases)' },
  affected: { zh: '受影响（转移安置）人数', en: 'People affected (relocated)' },
  directLossFen: { zh: '直接经济损失（分）', en: 'Direct economic loss (fen)' },
};

/** The least of each metric that reaches a grade; a missing metric does not count for it. */
export const ZGradeBar = z.object({
  deaths: count().optional(),
  injuries: count().optional(),
  affected: count().optional(),
  directLossFen: ZFen.optional(),
});
/** Bars of grades I–III; anything below the bars of III is grade IV (一般). */
export const ZGradeThresholds = z
  .object({ I: ZGradeBar, II: ZGradeBar, III: ZGradeBar })
  .superRefine((t, ctx) => {
    for (const m of GRADING_METRICS) {
      const order = (['I', 'II', 'III'] as const).filter((g) => t[g][m] !== undefined);
      for (let i = 1; i < order.length; i++) {
        const hi = t[order[i - 1]!][m]!;
        const lo = t[order[i]!][m]!;
        if (lo > hi)
          ctx.addIssue({
            code: 'custom',
            path: [order[i]!, m],
            message: `须不高于 ${order[i - 1]} 级的门槛 / must not exceed grade ${order[i - 1]}'s bar (${hi})`,
          });
      }
    }
  });
export type TGradeThresholds = z.infer<typeof ZGradeThresholds>;

/** `*` as a subtype: the rule of the whole category. */
export const ZRuleSubtype = z.union([z.literal('*'), z.string().regex(/^[a-z_]{2,64}$/)]);

export const ZGradingRule = z.object({
  category: ZIncidentCategory,
  subtype: ZRuleSubtype,
  thresholds: ZGradeThresholds,
});
export type TGradingRule = z.infer<typeof ZGradingRule>;

/** Why a grade is suggested: each metric that reached the suggested grade's bar. */
export const ZGradeSuggestion = z.object({
  grade: ZIncidentGrade,
  reasons: z.array(
    z.object({
      metric: z.enum(GRADING_METRICS),
      value: z.number(),
      threshold: z.number(),
      grade: ZIncidentGrade,
    }),
  ),
  rule: z.object({ category: ZIncidentCategory, subtype: z.string() }),
});
export type TGradeSuggestion = z.infer<typeof ZGradeSuggestion>;

export const ZSuggestGradeRequest = z.object({
  category: ZIncidentCategory,
  subtype: z.string().regex(/^[a-z_]{2,64}$/, 'a subtype code: lower-case letters and _'),
  criteria: ZIncidentCriteria,
});

const subtypeCheck = (v: { category: IncidentCategory; subtype: string }, ctx: z.RefinementCtx) => {
  if (!isSubtypeOf(v.category, v.subtype))
    ctx.addIssue({
      code: 'custom',
      path: ['subtype'],
      message: `不是“${v.category}”的子类，可选：${INCIDENT_SUBTYPES[v.category].map((s) => s.code).join(', ')} / not a subtype of ${v.category}`,
    });
};

/** A person who told the office of the incident; contact information, destroyed at close. */
export const ZReporterRequest = z.object({
  name: personal(z.string().trim().min(1).max(50), 'contact'),
  phone: personal(
    z
      .string()
      .trim()
      .regex(/^\+?[\d\s-]{5,20}$/, 'a phone number'),
    'contact',
  ),
});

export const ZReportIncidentRequest = z
  .object({
    title: z.string().trim().min(2).max(200),
    category: ZIncidentCategory,
    subtype: z.string().min(1).max(64),
    description: z.string().trim().max(5000).default(''),
    source: ZIncidentSource,
    /** The warning it grew out of: required when `source` is `warning`. */
    warningId: ZUuid.optional(),
    /** Which department, sensor or line reported it (no personal names: see `reporter`). */
    sourceDetail: z.string().trim().max(200).optional(),
    awareAt: ZInstant,
    location: ZPoint.optional(),
    areaCodes: z.array(ZAdminAreaCode).max(500).default([]),
    reporter: ZReporterRequest.optional(),
    criteria: ZIncidentCriteria.optional(),
    exercise: z.boolean().default(false),
    drillRunId: ZUuid.optional(),
  })
  .superRefine((v, ctx) => {
    subtypeCheck(v, ctx);
    if (v.source === 'warning' && !v.warningId)
      ctx.addIssue({
        code: 'custom',
        path: ['warningId'],
        message: '来源为预警时须填写预警编号 / required when the source is a warning',
      });
    if (v.source !== 'warning' && v.warningId)
      ctx.addIssue({
        code: 'custom',
        path: ['warningId'],
        message: '仅当来源为预警时填写 / only with source "warning"',
      });
    if (!v.location && v.areaCodes.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['areaCodes'],
        message: '请给出地点或至少一个行政区划代码 / give a location or at least one area code',
      });
    if (v.drillRunId && !v.exercise)
      ctx.addIssue({
        code: 'custom',
        path: ['drillRunId'],
        message: '演练编号只用于演练事件（exercise: true）/ only for an exercise',
      });
  });
export type TReportIncidentRequest = z.infer<typeof ZReportIncidentRequest>;

export const ZGradeIncidentRequest = z.object({
  grade: ZIncidentGrade,
  criteria: ZIncidentCriteria,
  /** Required when the grade differs from the one the criteria suggest. */
  reason: z.string().trim().min(2).max(2000).optional(),
});
