import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { DRILL_LIMITS } from './drills.ts';

export const DRILL_RUN_STATUSES = ['running', 'paused', 'completed', 'stopped'] as const;
export const ZDrillRunStatus = z.enum(DRILL_RUN_STATUSES);

const ZSpeed = z
  .number()
  .positive('倍速须大于 0 / speed must be above 0')
  .max(
    DRILL_LIMITS.speedMax,
    `倍速不超过 ${DRILL_LIMITS.speedMax} / at most ×${DRILL_LIMITS.speedMax}`,
  );

/** Start a run from a seeded scenario (by id) or from the text of a scenario file. */
export const ZStartDrillRequest = z
  .object({
    scenarioId: ZUuid.optional(),
    /** The scenario file (YAML); refused naming each problem's line and field. */
    yaml: z.string().min(1).max(512_000).optional(),
    speed: ZSpeed.default(1),
  })
  .refine((r) => (r.scenarioId === undefined) !== (r.yaml === undefined), {
    path: ['scenarioId'],
    message: '请给出 scenarioId 或 yaml 之一 / give exactly one of scenarioId and yaml',
  });
export type TStartDrillRequest = z.infer<typeof ZStartDrillRequest>;

export const ZDrillSpeedRequest = z.object({ speed: ZSpeed });

export const ZValidateScenarioRequest = z.object({ yaml: z.string().min(1).max(512_000) });
export const ZScenarioProblem = z.object({
  line: z.number().int(),
  column: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export const ZScenarioCheck = z.object({
  ok: z.boolean(),
  name: z.string().nullable(),
  injects: z.number().int(),
  problems: z.array(ZScenarioProblem),
});

export const ZScenarioSummary = z.object({
  id: ZUuid,
  name: z.string(),
  description: z.string(),
  injects: z.number().int(),
  durationS: z.number().int(),
  createdAt: ZInstant,
});
export const ZScenarioList = z.object({ items: z.array(ZScenarioSummary) });

/**
 * `interrupted`: the step was being performed when the process playing the run stopped; the
 * process that took the run over logged it so instead of performing it again (it may or may not
 * have taken effect).
 */
export const ZInjectOutcome = z.enum(['done', 'failed', 'interrupted']);
export const ZInjectLogEntry = z.object({
  seq: z.number().int(),
  kind: z.string(),
  offsetS: z.number().int(),
  /** Simulated time of the inject. */
  at: ZInstant,
  outcome: ZInjectOutcome,
  /** What it made (`warning 0193…`) or why it failed (an error code). */
  detail: z.string(),
});

export type TInjectLogEntry = z.infer<typeof ZInjectLogEntry>;

export const ZDrillRun = z.object({
  id: ZUuid,
  name: z.string(),
  status: ZDrillRunStatus,
  speed: z.number(),
  simStart: ZInstant,
  /** The run's simulated now (its end once finished). */
  simNow: ZInstant,
  durationS: z.number().int(),
  incidentId: ZUuid.nullable(),
  injects: z.object({
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    /** Steps caught in flight when the process playing the run stopped (never done twice). */
    interrupted: z.number().int(),
  }),
  startedAt: ZInstant,
  /** The officer who started it (null: an account since removed). */
  startedBy: z.object({ id: ZUuid, name: z.string() }).nullable(),
  finishedAt: ZInstant.nullable(),
  /** When the drill's records were removed as a whole (its report stays). */
  removedAt: ZInstant.nullable(),
  exercise: z.literal(true),
});
export type TDrillRun = z.infer<typeof ZDrillRun>;
export const ZDrillRunDetail = ZDrillRun.extend({ log: z.array(ZInjectLogEntry) });
export const ZDrillRunList = z.object({ items: z.array(ZDrillRun) });

/** One measured interval against its target, in simulated minutes. */
export const ZDrillMeasure = z.object({
  minutes: z.number().nullable(),
  targetMin: z.number().nullable(),
  /** null: not measured (a step did not happen) or no target. */
  met: z.boolean().nullable(),
});
export type TDrillMeasure = z.infer<typeof ZDrillMeasure>;

export const ZAfterActionTeam = z.object({
  teamId: ZUuid,
  name: z.string(),
  simulated: z.boolean(),
  answer: z.enum(['accepted', 'declined', 'no_answer']),
  acceptance: ZDrillMeasure,
  onScene: ZDrillMeasure,
});

export const ZAfterActionReport = z.object({
  runId: ZUuid,
  name: z.string(),
  status: ZDrillRunStatus,
  simStart: ZInstant,
  simEnd: ZInstant,
  /** Threshold crossed → warning issued. */
  warning: ZDrillMeasure,
  /** Warning issued → response activated. */
  activation: ZDrillMeasure,
  teams: z.array(ZAfterActionTeam),
  reports: z.object({
    due: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    share: z.number().nullable(),
    targetShare: z.number().nullable(),
    met: z.boolean().nullable(),
  }),
  /** The run's steps in simulated time, for the chart. */
  timeline: z.array(
    z.object({
      offsetMin: z.number(),
      kind: z.string(),
      label: z.string(),
      ok: z.boolean(),
      /** True: interrupted by a restart of its player, not repeated (see `ZInjectOutcome`). */
      interrupted: z.boolean().optional(),
    }),
  ),
  findings: z.array(z.object({ zh: z.string(), en: z.string() })),
  /** The plan revision the findings became (art. 28), once recorded. */
  planRevision: z.object({ planId: ZUuid, version: z.number().int() }).nullable(),
});
export type TAfterActionReport = z.infer<typeof ZAfterActionReport>;
