import { desc, eq, sql } from 'drizzle-orm';
import {
  AppError,
  formatScenarioProblems,
  parseScenarioYaml,
  scenarioSeconds,
  type TScenario,
  type TStartDrillRequest,
} from '@muster/contracts';
import { newId } from '../../platform/ids.ts';
import { purgeDrillRecords } from '../../platform/db/drill-purge.ts';
import type { DrillsDeps } from './deps.ts';
import { castRun } from './cast.ts';
import type { Runner } from './runner.ts';
import { finishRun } from './finish.ts';
import { drillRuns, drillScenarios, PREPARING } from './tables.ts';
import { loadRun, runView, type RunRow } from './views.ts';

/** A scenario file read, or refused with each problem's line and field. */
export function readScenario(yaml: string): TScenario {
  const r = parseScenarioYaml(yaml);
  if (r.ok) return r.scenario;
  throw new AppError(
    'drills.scenario_invalid',
    formatScenarioProblems(r.problems),
    r.problems.map((p) => ({
      path: `yaml.line ${p.line}${p.field ? `.${p.field}` : ''}`,
      message: `line ${p.line}, ${p.field || 'file'}: ${p.message}`,
    })),
  );
}

export function createRuns(d: DrillsDeps, runner: Runner) {
  const view = async (id: string) => runView(d.db, d.runClocks, await loadRun(d.db, id));
  const change = async (
    id: string,
    from: string[],
    fn: (tx: Parameters<Parameters<typeof d.db.transaction>[0]>[0], run: RunRow) => Promise<void>,
  ) => {
    await runner.serial(id, () =>
      d.db.transaction(async (tx) => {
        const run = await loadRun(tx, id, true);
        if (!from.includes(run.status)) throw new AppError('drills.wrong_status', run.status);
        await fn(tx, run);
      }),
    );
    await d.clockView.refresh();
    return view(id);
  };
  return {
    view,
    async list() {
      const rows = await d.db
        .select()
        .from(drillRuns)
        .orderBy(desc(drillRuns.startedAt))
        .limit(100);
      return {
        items: await Promise.all(
          rows.map(async (r) => {
            const { log: _log, ...v } = await runView(d.db, d.runClocks, r);
            return v;
          }),
        ),
      };
    },
    async start(actor: string | null, b: TStartDrillRequest) {
      let yaml = b.yaml;
      let scenarioId: string | null = null;
      if (b.scenarioId) {
        const [s] = await d.db
          .select()
          .from(drillScenarios)
          .where(eq(drillScenarios.id, b.scenarioId));
        if (!s) throw new AppError('resource.not_found', `scenario ${b.scenarioId}`);
        yaml = s.yaml;
        scenarioId = s.id;
      }
      const scenario = readScenario(yaml!);
      const id = newId();
      const now = d.clock.now();
      // Every simulated instant stays in the past (readings and positions from the future are
      // refused): the clock starts as far back as the run will gain on real time.
      const simStart = new Date(
        now.getTime() - scenarioSeconds(scenario) * 1000 * (1 - 1 / b.speed),
      );
      await d.db.transaction(async (tx) => {
        await tx.insert(drillRuns).values({
          id,
          scenarioId,
          name: scenario.name,
          scenario,
          status: 'running',
          speed: b.speed,
          simStart,
          nextInject: 0,
          cast: {
            accounts: {},
            teams: {},
            points: {},
            callupId: null,
            warningIds: [],
            planId: null,
          },
          startedBy: actor,
          startedAt: now,
          // Played here from the start; the lease is renewed while the run prepares.
          playerId: d.player.id,
          leaseUntil: sql`now() + ${d.player.leaseMs} * interval '1 millisecond'`,
          inFlight: PREPARING,
        });
        await d.runClocks.start(tx, id, { speed: b.speed, simStart });
        // Held at its start while the run makes its accounts, points and simulated teams.
        await d.runClocks.holdAt(tx, id, simStart);
        await d.outbox.append(tx, [
          {
            type: 'drills.run.started',
            actor: actor ?? 'system',
            exercise: true,
            drillRunId: id,
            data: {
              runId: id,
              name: scenario.name,
              speed: b.speed,
              simStart: simStart.toISOString(),
            },
          },
        ]);
      });
      runner.adopt(id);
      await d.clockView.refresh();
      const tokens = new Map<string, string>();
      try {
        const cast = await castRun(d, id, scenario, tokens);
        await d.db.transaction(async (tx) => {
          const run = await loadRun(tx, id, true);
          // Stopped meanwhile (by an officer, or by a process that took it over from this one).
          if (run.playerId !== d.player.id || run.inFlight !== PREPARING)
            throw new AppError('drills.wrong_status', run.status);
          await tx.update(drillRuns).set({ cast, inFlight: null }).where(eq(drillRuns.id, id));
          // Paused while it prepared: its clock stays held until it is resumed.
          if (run.status === 'running') await d.runClocks.resume(tx, id);
        });
      } catch (err) {
        d.logger.error({ err, runId: id }, 'drill run could not be prepared');
        await finishRun(d, id, 'stopped');
        throw err;
      }
      await d.clockView.refresh();
      runner.play(id, tokens);
      return view(id);
    },
    pause: (id: string) =>
      change(id, ['running'], async (tx) => {
        await tx.update(drillRuns).set({ status: 'paused' }).where(eq(drillRuns.id, id));
        await d.runClocks.pause(tx, id);
      }),
    resume: (id: string) =>
      change(id, ['paused'], async (tx, run) => {
        await tx.update(drillRuns).set({ status: 'running' }).where(eq(drillRuns.id, id));
        // A step in flight (played by another process) keeps its clock held until it is logged.
        if (run.inFlight === null) await d.runClocks.resume(tx, id);
      }),
    speed: (id: string, speed: number) =>
      change(id, ['running', 'paused'], async (tx) => {
        await tx.update(drillRuns).set({ speed }).where(eq(drillRuns.id, id));
        await d.runClocks.setSpeed(tx, id, speed);
      }),
    async stop(id: string) {
      await runner.serial(id, async () => {
        const run = await loadRun(d.db, id);
        if (run.status !== 'running' && run.status !== 'paused')
          throw new AppError('drills.wrong_status', run.status);
        await finishRun(d, id, 'stopped');
      });
      return view(id);
    },
    /** Removes a finished drill's records in every module as a whole; its report stays. */
    async remove(id: string, actor: string) {
      await d.db.transaction(async (tx) => {
        const run = await loadRun(tx, id, true);
        if (run.status !== 'completed' && run.status !== 'stopped')
          throw new AppError('drills.wrong_status', run.status);
        if (run.removedAt) return;
        const report = run.report;
        const removed = await purgeDrillRecords(tx, id, {
          keep: ['drills_runs', 'drills_inject_log'],
        });
        await tx
          .update(drillRuns)
          .set({ removedAt: d.clock.now(), ...(report ? { report } : {}) })
          .where(eq(drillRuns.id, id));
        await d.outbox.append(tx, [
          {
            type: 'drills.run.removed',
            actor,
            exercise: true,
            drillRunId: id,
            data: { runId: id },
          },
        ]);
        d.logger.info({ runId: id, removed }, 'drill records removed');
      });
      return view(id);
    },
  };
}
export type Runs = ReturnType<typeof createRuns>;
