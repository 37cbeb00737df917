import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZAdminAreaCode } from './geo.ts';
import {
  RESPONSE_LEVELS,
  ZIncidentCategory,
  ZIncidentGrade,
  ZResponseLevel,
} from './vocabulary.ts';
import { isSubtypeOf } from './response.ts';

/*
 * Emergency plans (应急预案; Emergency Response Law art. 26–28) as data: who commands, which
 * department does what at each response level (联防联控), what resources are needed. Versions are
 * immutable; a revision may cite the drill run or incident that prompted it (art. 28).
 */

/** Chinese first; the English is for visitors and exports. */
export const ZBilingual = z.object({
  zh: z.string().trim().min(1).max(2000),
  en: z.string().trim().min(1).max(2000),
});
export type TBilingual = z.infer<typeof ZBilingual>;

/** A department's id as accounts carry it (`departmentId`), e.g. `beibei-water-bureau`. */
export const ZDepartmentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and dashes');
const ZKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes');
const levels = () =>
  z
    .array(ZResponseLevel)
    .min(1)
    .refine((l) => new Set(l).size === l.length, '级别重复 / a level is listed twice');

export const ZPlanDepartment = z.object({
  id: ZDepartmentId,
  name: ZBilingual,
  duties: ZBilingual,
});

export const ZPlanTask = z.object({
  key: ZKey,
  departmentId: ZDepartmentId,
  /** The response levels whose activation creates this task. */
  levels: levels(),
  title: ZBilingual,
  /** Due this many minutes after the activation (or escalation) that creates it; 30 days at most. */
  dueMinutes: z.number().int().min(1).max(43_200),
});

export const ZPlanResource = z.object({
  key: ZKey,
  name: ZBilingual,
  quantity: z.number().int().min(1).max(1_000_000),
  unit: ZBilingual,
  departmentId: ZDepartmentId,
  levels: levels(),
});

export const ZPlanBody = z
  .object({
    name: ZBilingual,
    category: ZIncidentCategory,
    subtypes: z.array(z.string().min(1).max(64)).min(1).max(20),
    /** Where the plan applies; empty: anywhere the office answers for. */
    areaCodes: z.array(ZAdminAreaCode).max(500).default([]),
    scope: ZBilingual,
    /** When each level is started (art. 71): one entry per level. */
    levelCriteria: z
      .array(
        z.object({ level: ZResponseLevel, criteria: ZBilingual, grades: z.array(ZIncidentGrade) }),
      )
      .length(4),
    command: z.object({
      headquarters: ZBilingual,
      commander: ZBilingual,
      deputies: z.array(ZBilingual).max(20).default([]),
      office: ZBilingual,
      groups: z
        .array(
          z.object({
            key: ZKey,
            name: ZBilingual,
            leadDepartmentId: ZDepartmentId,
            memberDepartmentIds: z.array(ZDepartmentId).max(50).default([]),
            duties: ZBilingual,
          }),
        )
        .max(30),
    }),
    departments: z.array(ZPlanDepartment).min(1).max(100),
    tasks: z.array(ZPlanTask).min(1).max(1000),
    resources: z.array(ZPlanResource).max(500).default([]),
  })
  .superRefine((p, ctx) => {
    const bad = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    p.subtypes.forEach((s, i) => {
      if (!isSubtypeOf(p.category, s))
        bad(['subtypes', i], `不是 ${p.category} 的子类 / not a subtype of ${p.category}`);
    });
    const seen = new Set(p.levelCriteria.map((c) => c.level));
    if (seen.size !== RESPONSE_LEVELS.length)
      bad(['levelCriteria'], '须为Ⅰ—Ⅳ级各写一条 / one entry for each of levels I–IV');
    const depts = new Set(p.departments.map((d) => d.id));
    if (depts.size !== p.departments.length)
      bad(['departments'], '部门重复 / a department is listed twice');
    const known = (id: string, path: (string | number)[]) => {
      if (!depts.has(id))
        bad(path, `部门 ${id} 不在 departments 中 / department ${id} is not listed`);
    };
    p.command.groups.forEach((g, i) => {
      known(g.leadDepartmentId, ['command', 'groups', i, 'leadDepartmentId']);
      g.memberDepartmentIds.forEach((m, j) =>
        known(m, ['command', 'groups', i, 'memberDepartmentIds', j]),
      );
    });
    const keys = new Set<string>();
    p.tasks.forEach((t, i) => {
      known(t.departmentId, ['tasks', i, 'departmentId']);
      if (keys.has(t.key)) bad(['tasks', i, 'key'], `任务键 ${t.key} 重复 / duplicate task key`);
      keys.add(t.key);
    });
    p.resources.forEach((r, i) => known(r.departmentId, ['resources', i, 'departmentId']));
    for (const level of RESPONSE_LEVELS)
      if (!p.tasks.some((t) => t.levels.includes(level)))
        bad(['tasks'], `${level} 级响应没有任何任务 / level ${level} has no task`);
  });
export type TPlanBody = z.infer<typeof ZPlanBody>;

/** What prompted a revision (art. 28: 应急演练中发现的问题, or an incident's evaluation). */
export const ZPromptedBy = z.object({ kind: z.enum(['drill_run', 'incident']), id: ZUuid });

export const ZCreatePlanRequest = z.object({ plan: ZPlanBody });
export const ZRevisePlanRequest = z.object({
  plan: ZPlanBody,
  reason: z.string().trim().min(2).max(2000),
  promptedBy: ZPromptedBy.optional(),
});

export const ZPlanVersionInfo = z.object({
  id: ZUuid,
  version: z.number().int().min(1),
  reason: z.string().nullable(),
  promptedBy: ZPromptedBy.nullable(),
  publishedAt: ZInstant,
  /** An account id, or `system` for a seeded plan. */
  publishedBy: z.string(),
});
export const ZPlanVersion = ZPlanVersionInfo.extend({ planId: ZUuid, body: ZPlanBody });
export type TPlanVersion = z.infer<typeof ZPlanVersion>;

export const ZPlan = z.object({
  id: ZUuid,
  category: ZIncidentCategory,
  name: ZBilingual,
  subtypes: z.array(z.string()),
  latestVersion: z.number().int(),
  versions: z.array(ZPlanVersionInfo),
  createdAt: ZInstant,
});
export type TPlan = z.infer<typeof ZPlan>;
export const ZPlanList = z.object({ items: z.array(ZPlan) });
export const ZPlanListQuery = z.object({ category: ZIncidentCategory.optional() });
