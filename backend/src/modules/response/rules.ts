import { and, eq, inArray } from 'drizzle-orm';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_GRADES,
  type IncidentCategory,
  type IncidentGrade,
  type TGradeThresholds,
  type TGradingRule,
  type TReportingRule,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { DEFAULT_GRADING } from './grading.ts';
import { RESPONSE_LEGAL_BASIS, type ResponseDeps } from './deps.ts';
import { responseGradingRules, responseReportingRules } from './tables.ts';

export type Timing = Pick<TReportingRule, 'initialMinutes' | 'followUpHours' | 'finalDays'>;

/**
 * Default deadlines (issue 6; Chongqing regulation art. 28: 较大以上 within an hour): the initial
 * report within an hour of awareness; follow-ups more often the graver the incident; the final
 * report sooner for small incidents, later for grave ones whose verification takes longer.
 */
export const DEFAULT_REPORTING: Record<IncidentGrade | '*', Timing> = {
  '*': { initialMinutes: 60, followUpHours: 6, finalDays: 15 },
  I: { initialMinutes: 60, followUpHours: 2, finalDays: 30 },
  II: { initialMinutes: 60, followUpHours: 4, finalDays: 20 },
  III: { initialMinutes: 60, followUpHours: 6, finalDays: 15 },
  IV: { initialMinutes: 60, followUpHours: 12, finalDays: 7 },
};

/** The thresholds that grade an incident of this type: subtype's, else category's, else default. */
export async function gradingRuleFor(
  db: Executor,
  category: IncidentCategory,
  subtype: string,
): Promise<{ thresholds: TGradeThresholds; subtype: string }> {
  const rows = await db
    .select()
    .from(responseGradingRules)
    .where(
      and(
        eq(responseGradingRules.category, category),
        inArray(responseGradingRules.subtype, [subtype, '*']),
      ),
    );
  const hit = rows.find((r) => r.subtype === subtype) ?? rows.find((r) => r.subtype === '*');
  return hit
    ? { thresholds: hit.thresholds, subtype: hit.subtype }
    : { thresholds: DEFAULT_GRADING[category], subtype: '*' };
}

/** The deadlines of an incident of this category and grade (null: not yet graded). */
export async function reportingRuleFor(
  db: Executor,
  category: IncidentCategory,
  grade: IncidentGrade | null,
): Promise<Timing> {
  const g = grade ?? '*';
  const rows = await db
    .select()
    .from(responseReportingRules)
    .where(
      and(
        inArray(responseReportingRules.category, [category, '*']),
        inArray(responseReportingRules.grade, [g, '*']),
      ),
    );
  const find = (c: string, gr: string) => rows.find((r) => r.category === c && r.grade === gr);
  // The defaults are the (*, grade) rules until the office stores its own.
  return find(category, g) ?? find(category, '*') ?? find('*', g) ?? DEFAULT_REPORTING[g];
}

/** Every stored rule, and the defaults no stored rule replaces. */
export async function listRules(db: Executor): Promise<{
  grading: (TGradingRule & { default: boolean })[];
  reporting: (TReportingRule & { default: boolean })[];
}> {
  const [g, r] = await Promise.all([
    db.select().from(responseGradingRules),
    db.select().from(responseReportingRules),
  ]);
  const grading = [
    ...INCIDENT_CATEGORIES.filter((c) => !g.some((x) => x.category === c && x.subtype === '*')).map(
      (category) => ({
        category,
        subtype: '*',
        thresholds: DEFAULT_GRADING[category],
        default: true,
      }),
    ),
    ...g.map((x) => ({
      category: x.category as IncidentCategory,
      subtype: x.subtype,
      thresholds: x.thresholds,
      default: false,
    })),
  ];
  const reporting = [
    ...(['*', ...INCIDENT_GRADES] as const)
      .filter((gr) => !r.some((x) => x.category === '*' && x.grade === gr))
      .map((grade) => ({
        category: '*' as const,
        grade,
        ...DEFAULT_REPORTING[grade],
        default: true,
      })),
    ...r.map((x) => ({
      category: x.category as TReportingRule['category'],
      grade: x.grade as TReportingRule['grade'],
      initialMinutes: x.initialMinutes,
      followUpHours: x.followUpHours,
      finalDays: x.finalDays,
      default: false,
    })),
  ];
  return { grading, reporting };
}

/** Sets a grading rule; audited. Existing grades stand (a rule guides the next grading). */
export async function putGradingRule(
  d: ResponseDeps,
  viewer: Viewer,
  rule: TGradingRule,
): Promise<void> {
  const now = d.clock.now();
  await d.db.transaction(async (tx) => {
    const values = { ...rule, updatedBy: viewer.accountId, updatedAt: now };
    await tx
      .insert(responseGradingRules)
      .values(values)
      .onConflictDoUpdate({
        target: [responseGradingRules.category, responseGradingRules.subtype],
        set: { thresholds: rule.thresholds, updatedBy: viewer.accountId, updatedAt: now },
      });
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'response.rule.grading_set',
        subjectType: 'grading_rule',
        subjectId: `${rule.category}/${rule.subtype}`,
        legalBasis: RESPONSE_LEGAL_BASIS.grading,
      },
      tx,
    );
  });
}

/** Sets a reporting rule; audited. Deadlines already set stand; new ones follow the rule. */
export async function putReportingRule(
  d: ResponseDeps,
  viewer: Viewer,
  rule: TReportingRule,
): Promise<void> {
  const now = d.clock.now();
  const timing = {
    initialMinutes: rule.initialMinutes,
    followUpHours: rule.followUpHours,
    finalDays: rule.finalDays,
  };
  await d.db.transaction(async (tx) => {
    await tx
      .insert(responseReportingRules)
      .values({ ...rule, updatedBy: viewer.accountId, updatedAt: now })
      .onConflictDoUpdate({
        target: [responseReportingRules.category, responseReportingRules.grade],
        set: { ...timing, updatedBy: viewer.accountId, updatedAt: now },
      });
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'response.rule.reporting_set',
        subjectType: 'reporting_rule',
        subjectId: `${rule.category}/${rule.grade}`,
        legalBasis: RESPONSE_LEGAL_BASIS.reporting,
        detail: timing,
      },
      tx,
    );
  });
}
