import {
  GRADING_METRICS,
  type IncidentCategory,
  type TGradeSuggestion,
  type TGradeThresholds,
  type TIncidentCriteria,
} from '@muster/contracts';

const YUAN = 100;
const WAN = 10_000 * YUAN;
const YI = 10_000 * WAN;

/*
 * Default bars, per category, until the office sets its own (PUT /api/response/rules/grading).
 * Deaths, injuries and loss follow the Regulation on Reporting, Investigation and Handling of
 * Work-Safety Accidents (生产安全事故报告和调查处理条例 art. 3): 30/10/3 deaths, 100/50/10
 * seriously injured, 1亿/5000万/1000万 yuan of direct loss. People affected are bars for
 * disasters (relocated or needing relief) and cases for public health.
 */
const ACCIDENT: TGradeThresholds = {
  I: { deaths: 30, injuries: 100, directLossFen: 1 * YI },
  II: { deaths: 10, injuries: 50, directLossFen: 5_000 * WAN },
  III: { deaths: 3, injuries: 10, directLossFen: 1_000 * WAN },
};
export const DEFAULT_GRADING: Record<IncidentCategory, TGradeThresholds> = {
  accident: ACCIDENT,
  natural_disaster: {
    I: { ...ACCIDENT.I, affected: 100_000 },
    II: { ...ACCIDENT.II, affected: 10_000 },
    III: { ...ACCIDENT.III, affected: 1_000 },
  },
  public_health: {
    I: { deaths: 30, injuries: 100, affected: 10_000 },
    II: { deaths: 10, injuries: 50, affected: 1_000 },
    III: { deaths: 3, injuries: 10, affected: 100 },
  },
  social_security: {
    I: { deaths: 30, injuries: 100, affected: 10_000 },
    II: { deaths: 10, injuries: 50, affected: 1_000 },
    III: { deaths: 3, injuries: 10, affected: 300 },
  },
};

const ORDER = ['I', 'II', 'III'] as const;

/** The value of a metric: deaths count the missing too (死亡（含失踪）). */
function valueOf(c: TIncidentCriteria, m: (typeof GRADING_METRICS)[number]): number {
  return m === 'deaths' ? c.deaths + c.missing : c[m];
}

/**
 * The grade the criteria suggest: the highest grade any metric reaches (value at or above the
 * bar), with every metric that reaches it as a reason; below the bars of III, grade IV.
 */
export function suggestGrade(
  criteria: TIncidentCriteria,
  thresholds: TGradeThresholds,
  rule: { category: IncidentCategory; subtype: string },
): TGradeSuggestion {
  for (const grade of ORDER) {
    const bar = thresholds[grade];
    const reasons = GRADING_METRICS.flatMap((metric) => {
      const threshold = bar[metric];
      const value = valueOf(criteria, metric);
      return threshold !== undefined && value >= threshold
        ? [{ metric, value, threshold, grade }]
        : [];
    });
    if (reasons.length > 0) return { grade, reasons, rule };
  }
  return { grade: 'IV', reasons: [], rule };
}
