import { asc, eq } from 'drizzle-orm';
import type { TAfterActionReport, TDrillMeasure } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { drillInjectLog, drillRunEvents } from './tables.ts';
import type { RunRow } from './views.ts';

type Ev = { type: string; data: Record<string, unknown> };
const MIN = 60_000;

async function eventsOf(db: Executor, runId: string): Promise<Ev[]> {
  return db
    .select({ type: drillRunEvents.type, data: drillRunEvents.data })
    .from(drillRunEvents)
    .where(eq(drillRunEvents.runId, runId))
    .orderBy(asc(drillRunEvents.eventId));
}

const first = (evs: Ev[], type: string, field: string, where?: (e: Ev) => boolean) => {
  const times = evs
    .filter((e) => e.type === type && (!where || where(e)))
    .map((e) => Date.parse(String(e.data[field])))
    .filter((t) => Number.isFinite(t));
  return times.length ? Math.min(...times) : undefined;
};

/** An interval in simulated minutes (to 0.1) against its target. */
function measure(from: number | undefined, to: number | undefined, target?: number): TDrillMeasure {
  const minutes =
    from === undefined || to === undefined ? null : Math.round(((to - from) / MIN) * 10) / 10;
  const targetMin = target ?? null;
  return {
    minutes,
    targetMin,
    met: minutes === null || targetMin === null ? null : minutes <= targetMin,
  };
}

/** Which teams took part, and whether they came (accepted and checked in). */
export async function participantsOf(db: Executor, run: RunRow) {
  const evs = await eventsOf(db, run.id);
  return Object.values(run.cast.teams).map((t) => {
    const mine = (e: Ev) => e.data.teamId === t.teamId;
    return {
      teamId: t.teamId,
      simulated: t.simulated,
      attended:
        first(evs, 'forces.callup.accepted', 'acceptedAt', mine) !== undefined &&
        first(evs, 'forces.team.checked_in', 'checkedInAt', mine) !== undefined,
    };
  });
}

/**
 * The after-action report, measured in simulated time from the run's own events (their times
 * are the drill clock's, held at each step's time) and its inject log.
 */
export async function afterAction(db: Executor, run: RunRow): Promise<TAfterActionReport> {
  const evs = await eventsOf(db, run.id);
  const log = await db
    .select()
    .from(drillInjectLog)
    .where(eq(drillInjectLog.runId, run.id))
    .orderBy(asc(drillInjectLog.seq));
  const t = run.scenario.targets;
  const crossing = first(evs, 'monitoring.threshold.crossed', 'observedAt');
  const issued = first(evs, 'monitoring.warning.issued', 'issuedAt');
  const activated = first(evs, 'response.level.activated', 'activatedAt');
  const callupAt = log.find((l) => l.kind === 'callup' && l.outcome === 'done')?.at.getTime();
  const teams = Object.values(run.cast.teams).map((team) => {
    const mine = (e: Ev) => e.data.teamId === team.teamId;
    const accepted = first(evs, 'forces.callup.accepted', 'acceptedAt', mine);
    const declined = first(evs, 'forces.callup.declined', 'declinedAt', mine);
    const onScene = first(evs, 'forces.team.checked_in', 'checkedInAt', mine);
    return {
      teamId: team.teamId,
      name: team.name,
      simulated: team.simulated,
      answer:
        accepted !== undefined ? 'accepted' : declined !== undefined ? 'declined' : 'no_answer',
      acceptance: measure(callupAt, accepted, t.acceptanceAfterCallupMin),
      onScene: measure(callupAt, onScene, t.onSceneAfterCallupMin),
    } as const;
  });
  const submitted = evs.filter(
    (e) => e.type === 'response.report.submitted' && e.data.onTime !== undefined,
  );
  const key = (e: Ev) => `${String(e.data.kind)}#${String(e.data.sequence)}`;
  const submittedKeys = new Set(submitted.map(key));
  const missed = new Set(
    evs.filter((e) => e.type === 'response.report.overdue' && !submittedKeys.has(key(e))).map(key),
  );
  const onTime = submitted.filter((e) => e.data.onTime === true).length;
  const late = submitted.length - onTime + missed.size;
  const due = onTime + late;
  const share = due === 0 ? null : Math.round((onTime / due) * 1000) / 1000;
  const targetShare = t.reportsOnTimeShare ?? null;
  const report: TAfterActionReport = {
    runId: run.id,
    name: run.name,
    status: run.status as TAfterActionReport['status'],
    simStart: run.simStart.toISOString(),
    simEnd: (run.simEnd ?? run.simStart).toISOString(),
    warning: measure(crossing, issued, t.warningAfterCrossingMin),
    activation: measure(issued, activated, t.activationAfterWarningMin),
    teams,
    reports: {
      due,
      onTime,
      late,
      share,
      targetShare,
      met: share === null || targetShare === null ? null : share >= targetShare,
    },
    timeline: log.map((l) => ({
      offsetMin: Math.round((l.offsetS / 60) * 10) / 10,
      kind: l.kind,
      label: l.detail,
      ok: l.outcome === 'done',
      ...(l.outcome === 'interrupted' ? { interrupted: true } : {}),
    })),
    findings: [],
    planRevision: run.report?.planRevision ?? null,
  };
  report.findings = findingsOf(report);
  return report;
}

/** What the figures say needs improving, in both languages (art. 28: they revise the plan). */
export function findingsOf(r: TAfterActionReport): TAfterActionReport['findings'] {
  const out: TAfterActionReport['findings'] = [];
  const miss = (m: TDrillMeasure, zh: string, en: string) => {
    if (m.met === false)
      out.push({
        zh: `${zh}用时 ${m.minutes} 分钟，超过目标 ${m.targetMin} 分钟`,
        en: `${en} took ${m.minutes} min against a target of ${m.targetMin} min`,
      });
    if (m.minutes === null && m.targetMin !== null)
      out.push({ zh: `${zh}未完成`, en: `${en} did not happen` });
  };
  miss(r.warning, '超阈值至发布预警', 'Threshold crossing to warning');
  miss(r.activation, '发布预警至启动响应', 'Warning to response activation');
  for (const t of r.teams) {
    if (t.answer === 'declined')
      out.push({ zh: `${t.name} 拒绝调用`, en: `${t.name} declined the call-up` });
    if (t.answer === 'accepted') {
      miss(t.acceptance, `${t.name} 响应调用`, `${t.name}: call-up to acceptance`);
      miss(t.onScene, `${t.name} 到达现场`, `${t.name}: call-up to on scene`);
    }
  }
  if (r.reports.met === false)
    out.push({
      zh: `按时报送率 ${Math.round((r.reports.share ?? 0) * 100)}%，低于目标`,
      en: `${Math.round((r.reports.share ?? 0) * 100)}% of reports on time, below the target`,
    });
  const failed = r.timeline.filter((s) => !s.ok && !s.interrupted);
  if (failed.length)
    out.push({
      zh: `${failed.length} 个演练步骤未能执行`,
      en: `${failed.length} drill steps could not be performed`,
    });
  const interrupted = r.timeline.filter((s) => s.interrupted).length;
  if (interrupted)
    out.push({
      zh: `${interrupted} 个演练步骤因服务重启中断，未重复执行，效果未确认`,
      en: `${interrupted} drill steps were interrupted by a restart and not repeated; whether they took effect is unconfirmed`,
    });
  return out;
}
