import { eq } from 'drizzle-orm';
import { callApi } from './api-client.ts';
import type { DrillsDeps } from './deps.ts';
import { afterAction } from './after-action.ts';
import { drillRuns } from './tables.ts';
import { loadRun } from './views.ts';

/** How long the report waits for the run's last events to reach its read model (real ms). */
const SETTLE_MS = 1500;

/**
 * Writes the finished run's report and turns its findings into a revision record of the plan
 * the response followed (art. 28: drills prompt plan revisions), citing the run.
 */
export async function recordFindings(d: DrillsDeps, runId: string): Promise<void> {
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const run = await loadRun(d.db, runId);
    const report = await afterAction(d.db, run);
    const duty = run.cast.accounts.duty;
    if (duty && run.incidentId) {
      const base = d.api.baseUrl();
      const token = await d.api.tokenFor(duty);
      const category = run.scenario.injects.find((i) => i.kind === 'incident');
      const plans = await callApi<{ items: { id: string; latestVersion: number }[] }>(
        base,
        token,
        'GET',
        `/api/response/plans${category?.kind === 'incident' ? `?category=${category.category}` : ''}`,
      );
      const plan = plans.items[0];
      if (plan) {
        const v = await callApi<{ body: unknown }>(
          base,
          token,
          'GET',
          `/api/response/plans/${plan.id}/versions/${plan.latestVersion}`,
        );
        const reason = report.findings.length
          ? `演练「${run.name}」评估发现：${report.findings.map((f) => f.zh).join('；')}`
          : `演练「${run.name}」各项指标均达到目标，预案经检验有效`;
        const revised = await callApi<{ version: number }>(
          base,
          token,
          'POST',
          `/api/response/plans/${plan.id}/versions`,
          {
            plan: v.body,
            reason: reason.slice(0, 2000),
            promptedBy: { kind: 'drill_run', id: runId },
          },
        );
        report.planRevision = { planId: plan.id, version: revised.version };
      }
    }
    await d.db.update(drillRuns).set({ report }).where(eq(drillRuns.id, runId));
  } catch (err) {
    d.logger.warn({ err, runId }, 'drill findings not recorded');
  }
}
