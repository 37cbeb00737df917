import { z } from 'zod';
import { ZAdminAreaCode } from './geo.ts';
import { ZCapability } from './forces.ts';
import { ZPointKind } from './monitoring.ts';
import { ZWarningCategory } from './monitoring-categories.ts';
import { ZIncidentCategory, ZPoint, ZResponseLevel, ZWarningLevel } from './vocabulary.ts';
import { ZIncidentSource } from './events/response.ts';
import { ZReportKind } from './response-reports.ts';

/** Limits of a scenario file, each with its reason. */
export const DRILL_LIMITS = {
  /** A drill of a day at most: longer exercises are planned as several scenarios. */
  durationS: 24 * 3600,
  /** A timeline a duty officer can still read on one page of the after-action report. */
  injects: 500,
  /** A drill with more teams is a regional exercise: split it by area. */
  teams: 30,
  points: 30,
  /** Position tracks are sampled, not streamed: a fix a minute over a few hours. */
  trackFixes: 500,
  /** Fastest a run may go: ×600 turns an hour into six seconds, still one inject at a time. */
  speedMax: 600,
} as const;

/** `1h30m`, `15m`, `45s`, `0s`: an offset from the start of the drill. */
export const DURATION_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Seconds of a duration string, or undefined when it is not one. */
export function durationSeconds(s: string): number | undefined {
  const m = DURATION_PATTERN.exec(s);
  if (!m || s === '') return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

export const ZDuration = z
  .string()
  .refine((s) => durationSeconds(s) !== undefined, {
    message: '时长格式如 1h30m、15m、45s / a duration such as 1h30m, 15m or 45s',
  })
  .refine((s) => (durationSeconds(s) ?? 0) <= DRILL_LIMITS.durationS, {
    message: '演练不超过 24 小时 / a drill lasts at most 24h',
  });

/** A number, or `${name}` naming one of the scenario's variables. */
export const ZVarNumber = z.union([
  z.number(),
  z.string().regex(/^\$\{[a-z][a-z0-9_]*\}$/i, '数值或 ${变量名} / a number or ${variable}'),
]);

const key = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, '小写字母开头的标识 / a lower-case key such as team-a');
const text = (max = 500) => z.string().trim().min(1).max(max);

/** A team of the drill: simulated (made for the run, answers from the timeline) or a real one. */
export const ZScenarioTeam = z.union([
  z.object({
    key,
    simulated: z.literal(true),
    name: text(100),
    capabilities: z.array(ZCapability).min(1).max(10),
    people: z.number().int().min(1).max(200).default(6),
    base: ZPoint,
  }),
  z.object({
    key,
    simulated: z.literal(false).default(false),
    /** The registered team taking part (its leader answers in the portal, marked 演练). */
    teamId: z.uuid(),
  }),
]);

/** A monitoring point of the drill: readings go to it, never to a real point. */
export const ZScenarioPoint = z.object({
  key,
  name: text(100),
  kind: ZPointKind,
  location: ZPoint,
  areaCode: ZAdminAreaCode,
  departmentId: text(64),
  /** The point's threshold rules (the value held at or above `threshold` for `sustain`). */
  rules: z
    .array(
      z.object({
        level: ZWarningLevel,
        category: ZWarningCategory,
        threshold: z.number(),
        sustain: ZDuration.default('0s'),
      }),
    )
    .max(4)
    .default([]),
});

const at = { at: ZDuration };

export const ZInject = z.discriminatedUnion('kind', [
  /** A sensor reading at a drill point (the point's threshold rules apply as to any point). */
  z.object({
    ...at,
    kind: z.literal('reading'),
    point: key,
    value: ZVarNumber,
    /** Seeded noise of at most ± this much. */
    noise: z.number().min(0).max(1000).optional(),
  }),
  /** A phone report (or other source) that opens the drill's incident. */
  z.object({
    ...at,
    kind: z.literal('incident'),
    title: text(200),
    category: ZIncidentCategory,
    subtype: text(64),
    source: ZIncidentSource.exclude(['warning']).default('phone'),
    description: z.string().max(5000).default(''),
    location: ZPoint,
    areaCodes: z.array(ZAdminAreaCode).min(1).max(50),
    /** A caller (personal information: destroyed at the drill's end like an incident's). */
    caller: z.object({ name: text(50), phone: z.string().regex(/^1\d{10}$/) }).optional(),
  }),
  /** A warning proposed by the office; `issue` has it submitted and approved by a second officer. */
  z.object({
    ...at,
    kind: z.literal('warning'),
    category: ZWarningCategory,
    level: ZWarningLevel,
    headline: text(200),
    areaCodes: z.array(ZAdminAreaCode).min(1).max(50),
    issue: z.boolean().default(true),
  }),
  /** A report of the incident (初报/续报/终报), submitted. */
  z.object({
    ...at,
    kind: z.literal('report'),
    report: ZReportKind,
    summary: text(10_000),
    recipients: z.array(text(100)).min(1).max(20).default(['北碚区委区政府总值班室']),
  }),
  /** The response level activated by the drill's commander. */
  z.object({
    ...at,
    kind: z.literal('activate'),
    level: ZResponseLevel,
    matters: text(2000),
    measures: z.array(text(1000)).min(1).max(50),
    expectedDurationHours: z.number().int().min(1).max(72).default(12),
  }),
  /** A call-up of the named teams of the scenario. */
  z.object({
    ...at,
    kind: z.literal('callup'),
    capability: ZCapability,
    teams: z.array(key).min(1).max(DRILL_LIMITS.teams),
    task: text(2000),
    rallyPoint: ZPoint.extend({ address: text(200) }),
    ackMinutes: z.number().int().min(1).max(120).default(15),
  }),
  /** A simulated team's answer, arrival at the rally point, or position track. */
  z.object({
    ...at,
    kind: z.literal('team'),
    team: key,
    action: z.enum(['accept', 'decline', 'check_in']),
    reason: text(500).optional(),
  }),
  z.object({
    ...at,
    kind: z.literal('track'),
    team: key,
    /** One fix per `every`, from `at` on. */
    every: ZDuration,
    fixes: z.array(ZPoint).min(1).max(DRILL_LIMITS.trackFixes),
  }),
  /** A requisition asked for by the drill's office (approved and numbered apart as 演练). */
  z.object({
    ...at,
    kind: z.literal('requisition'),
    requestingUnit: text(100),
    purpose: text(2000),
    owner: z.object({ name: text(100), phone: z.string().regex(/^1\d{10}$/) }),
    items: z
      .array(z.object({ description: text(200), quantity: z.number().int().min(1).max(1000) }))
      .min(1)
      .max(20),
    address: text(200),
  }),
  /** The end of the drill: the run finishes here and its report is written. */
  z.object({ ...at, kind: z.literal('end') }),
]);
export type TInject = z.infer<typeof ZInject>;
export type InjectKind = TInject['kind'];

/** What the after-action report measures against; minutes of simulated time. */
export const ZScenarioTargets = z.object({
  /** Threshold crossed → warning issued. */
  warningAfterCrossingMin: z.number().positive().max(1440).optional(),
  /** Warning issued → response activated. */
  activationAfterWarningMin: z.number().positive().max(1440).optional(),
  /** Call-up → first acceptance, per team. */
  acceptanceAfterCallupMin: z.number().positive().max(1440).optional(),
  /** Call-up → on scene (checked in), per team. */
  onSceneAfterCallupMin: z.number().positive().max(1440).optional(),
  /** Share of reports submitted by their deadline (0–1). */
  reportsOnTimeShare: z.number().min(0).max(1).optional(),
});
export type TScenarioTargets = z.infer<typeof ZScenarioTargets>;

export const ZScenario = z
  .object({
    version: z.literal(1),
    name: text(200),
    description: z.string().max(5000).default(''),
    place: z.object({
      name: text(100),
      areaCode: ZAdminAreaCode,
      location: ZPoint,
    }),
    /** Seed of every random choice (reading noise, simulated teams' identifiers). */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    variables: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/i), z.number()).default({}),
    targets: ZScenarioTargets.default({}),
    points: z.array(ZScenarioPoint).max(DRILL_LIMITS.points).default([]),
    teams: z.array(ZScenarioTeam).max(DRILL_LIMITS.teams).default([]),
    injects: z.array(ZInject).min(1).max(DRILL_LIMITS.injects),
  })
  .superRefine((s, ctx) => {
    const points = new Set(s.points.map((p) => p.key));
    const teams = new Set(s.teams.map((t) => t.key));
    const unique = (keys: string[], where: 'points' | 'teams') => {
      const seen = new Set<string>();
      keys.forEach((k, i) => {
        if (seen.has(k))
          ctx.addIssue({
            code: 'custom',
            path: [where, i, 'key'],
            message: `标识重复 / duplicate key ${k}`,
          });
        seen.add(k);
      });
    };
    unique(
      s.points.map((p) => p.key),
      'points',
    );
    unique(
      s.teams.map((t) => t.key),
      'teams',
    );
    let last = -1;
    let incident = false;
    s.injects.forEach((inj, i) => {
      const t = durationSeconds(inj.at) ?? last;
      if (t < last)
        ctx.addIssue({
          code: 'custom',
          path: ['injects', i, 'at'],
          message: '注入须按时间先后排列 / injects must be in time order',
        });
      last = t;
      const need = (ok: boolean, field: string, message: string) => {
        if (!ok) ctx.addIssue({ code: 'custom', path: ['injects', i, field], message });
      };
      if (inj.kind === 'reading')
        need(points.has(inj.point), 'point', `没有此监测点 / no point ${inj.point}`);
      if (inj.kind === 'reading' && typeof inj.value === 'string' && inj.value.startsWith('${')) {
        const name = inj.value.slice(2, -1);
        need(name in s.variables, 'value', `没有此变量 / no variable ${name}`);
      }
      if (inj.kind === 'team' || inj.kind === 'track') {
        const team = s.teams.find((x) => x.key === inj.team);
        need(!!team, 'team', `没有此队伍 / no team ${inj.team}`);
        need(
          !team || team.simulated,
          'team',
          '真实队伍由其队长在门户中应答 / a real team answers in its portal',
        );
      }
      if (inj.kind === 'callup')
        inj.teams.forEach((k, j) => {
          if (!teams.has(k))
            ctx.addIssue({
              code: 'custom',
              path: ['injects', i, 'teams', j],
              message: `没有此队伍 / no team ${k}`,
            });
        });
      const needsIncident = ['report', 'activate', 'callup', 'requisition', 'team', 'track'];
      if (needsIncident.includes(inj.kind))
        need(incident, 'kind', '须先有 incident 注入 / an incident inject must come first');
      if (inj.kind === 'incident') incident = true;
    });
  });
export type TScenario = z.infer<typeof ZScenario>;

/** Time a scenario lasts: its last inject. */
export function scenarioSeconds(s: Pick<TScenario, 'injects'>): number {
  return Math.max(0, ...s.injects.map((i) => durationSeconds(i.at) ?? 0));
}
