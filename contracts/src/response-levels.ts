import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { RESPONSE_LEVELS, ZFen, ZResponseLevel } from './vocabulary.ts';
import { ZIncidentCriteria } from './response.ts';
import { ZBilingual, ZDepartmentId } from './response-plans.ts';

/*
 * Response levels (应急响应; Emergency Response Law art. 71–72, 86), the departments' tasks that
 * activation creates from the plan, and recovery (art. 87).
 */

/** Art. 72's message for a field left out: names it, in both languages. */
function art72(field: string, zh: string) {
  const message = `启动应急响应须明确${zh}（第七十二条）/ ${field} is required to activate a response (art. 72)`;
  return {
    message,
    /** Used as a schema's `error`: the art. 72 message when absent, zod's own otherwise. */
    missing: {
      error: (iss: { input?: unknown }) => (iss.input === undefined ? message : undefined),
    },
  };
}
const MATTERS = art72('matters', '响应事项');
const LEVEL = art72('level', '响应级别');
const DURATION = art72('expectedDurationHours', '预计期限');
const MEASURES = art72('measures', '应急处置措施');
const COMMANDER = art72('commanderAccountId', '指挥长');

/** Art. 72: 启动应急响应，应当明确响应事项、级别、预计期限、应急处置措施. Every one is required. */
export const ZActivateRequest = z.object({
  level: z.enum(RESPONSE_LEVELS, LEVEL.missing),
  matters: z.string(MATTERS.missing).trim().min(1, MATTERS.message).max(2000),
  expectedDurationHours: z
    .number(DURATION.missing)
    .int()
    .min(1, '预计期限至少 1 小时 / at least 1 hour')
    .max(8760, '预计期限不超过一年 / at most a year'),
  measures: z
    .array(z.string().trim().min(1).max(1000), MEASURES.missing)
    .min(1, MEASURES.message)
    .max(100),
  /** An active account with the commander role (指挥长). */
  commanderAccountId: z.uuid(COMMANDER.missing),
  /** The plan to follow; absent: the latest plan for the incident's type and area. */
  planId: ZUuid.optional(),
});
export type TActivateRequest = z.infer<typeof ZActivateRequest>;

export const ZAdjustRequest = z.object({
  level: ZResponseLevel,
  reason: z.string().trim().min(2).max(2000),
  commanderAccountId: ZUuid.optional(),
  measures: z.array(z.string().trim().min(1).max(1000)).min(1).max(100).optional(),
  expectedDurationHours: z.number().int().min(1).max(8760).optional(),
});
export type TAdjustRequest = z.infer<typeof ZAdjustRequest>;

export const ZTerminateRequest = z.object({ reason: z.string().trim().min(2).max(2000) });

/** One step of the level history: activation, each adjustment, termination. */
export const ZLevelStep = z.object({
  id: ZUuid,
  action: z.enum(['activated', 'adjusted', 'terminated']),
  from: ZResponseLevel.nullable(),
  to: ZResponseLevel.nullable(),
  at: ZInstant,
  by: ZUuid,
  matters: z.string().nullable(),
  measures: z.array(z.string()),
  expectedEndAt: ZInstant.nullable(),
  reason: z.string().nullable(),
  commanderAccountId: ZUuid.nullable(),
  planVersionId: ZUuid.nullable(),
});
export type TLevelStep = z.infer<typeof ZLevelStep>;
export const ZLevelHistory = z.object({ items: z.array(ZLevelStep) });

export const TASK_STATUSES = ['pending', 'in_progress', 'done', 'blocked', 'cancelled'] as const;
export const ZTaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof ZTaskStatus>;
export const TASK_STATUS_LABELS: Record<TaskStatus, { zh: string; en: string }> = {
  pending: { zh: '待办', en: 'To do' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  blocked: { zh: '受阻', en: 'Blocked' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const ZTask = z.object({
  id: ZUuid,
  incidentId: ZUuid,
  phase: z.enum(['response', 'recovery']),
  key: z.string(),
  departmentId: ZDepartmentId,
  departmentName: ZBilingual.nullable(),
  title: ZBilingual,
  level: ZResponseLevel.nullable(),
  status: ZTaskStatus,
  dueAt: ZInstant,
  overdue: z.boolean(),
  notes: z.string(),
  updatedAt: ZInstant,
  updatedBy: z.string(),
  exercise: z.boolean(),
});
export type TTask = z.infer<typeof ZTask>;
export const ZTaskList = z.object({ items: z.array(ZTask) });
export const ZTaskListQuery = z.object({
  departmentId: ZDepartmentId.optional(),
  phase: z.enum(['response', 'recovery']).optional(),
});
export const ZTaskUpdate = z
  .object({ status: ZTaskStatus.optional(), notes: z.string().trim().max(5000).optional() })
  .refine((u) => u.status !== undefined || u.notes !== undefined, {
    message: '请给出 status 或 notes / give status or notes',
    path: ['status'],
  });

/** A recovery task (恢复重建, art. 87) for a department. */
export const ZRecoveryTaskRequest = z.object({
  departmentId: ZDepartmentId,
  departmentName: ZBilingual.optional(),
  title: ZBilingual,
  dueAt: ZInstant,
});

export const LOSS_KINDS = [
  'housing',
  'infrastructure',
  'agriculture',
  'enterprise',
  'public_service',
  'other',
] as const;
export const LOSS_KIND_LABELS: Record<(typeof LOSS_KINDS)[number], { zh: string; en: string }> = {
  housing: { zh: '房屋', en: 'Housing' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  agriculture: { zh: '农业', en: 'Agriculture' },
  enterprise: { zh: '工商企业', en: 'Businesses' },
  public_service: { zh: '公共服务设施', en: 'Public services' },
  other: { zh: '其他', en: 'Other' },
};

/** A loss assessment (损失评估, art. 87); the latest one is current, earlier ones are kept. */
export const ZLossAssessmentRequest = z.object({
  criteria: ZIncidentCriteria.omit({ directLossFen: true }),
  items: z
    .array(
      z.object({
        kind: z.enum(LOSS_KINDS),
        description: z.string().trim().min(1).max(500),
        lossFen: ZFen,
      }),
    )
    .min(1)
    .max(500),
  notes: z.string().trim().max(5000).default(''),
});
export const ZLossAssessment = ZLossAssessmentRequest.extend({
  id: ZUuid,
  incidentId: ZUuid,
  directLossFen: ZFen,
  assessedAt: ZInstant,
  assessedBy: ZUuid,
});
export type TLossAssessment = z.infer<typeof ZLossAssessment>;
export const ZLossAssessmentList = z.object({ items: z.array(ZLossAssessment) });
