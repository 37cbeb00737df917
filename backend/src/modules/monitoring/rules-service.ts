import { asc, eq } from 'drizzle-orm';
import { AppError, type TRuleRequest, type TThresholdRule } from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { newId } from '../../platform/ids.ts';
import { ruleView, type Catalogue } from './catalogue.ts';
import type { MonitoringDeps } from './deps.ts';
import { monitoringPoints, monitoringRules } from './tables.ts';

type Deps = MonitoringDeps & { catalogue: Catalogue };

const columns = (b: TRuleRequest) => ({
  name: b.name,
  pointId: b.pointId ?? null,
  kind: b.kind ?? null,
  level: b.level,
  category: b.category,
  trigger: b.trigger,
  threshold: b.threshold,
  sustainS: b.sustainS,
  rateWindowS: b.rateWindowS ?? null,
  hysteresis: b.hysteresis,
  clearAfterS: b.clearAfterS,
  enabled: b.enabled,
});

/** Creates or replaces a rule (audited); the reading path sees it at once in this process. */
export async function saveRule(
  d: Deps,
  viewer: Viewer,
  b: TRuleRequest,
  id?: string,
): Promise<TThresholdRule> {
  if (b.pointId) {
    const [p] = await d.db
      .select({ id: monitoringPoints.id })
      .from(monitoringPoints)
      .where(eq(monitoringPoints.id, b.pointId));
    if (!p) throw new AppError('monitoring.point_not_found', b.pointId);
  }
  const now = d.clock.now();
  const row = await d.db.transaction(async (tx) => {
    const [r] = id
      ? await tx
          .update(monitoringRules)
          .set({ ...columns(b), updatedAt: now })
          .where(eq(monitoringRules.id, id))
          .returning()
      : await tx
          .insert(monitoringRules)
          .values({
            id: newId(),
            ...columns(b),
            createdBy: viewer.accountId,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
    if (!r) throw new AppError('monitoring.rule_not_found', id ?? '');
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: id ? 'monitoring.rule.updated' : 'monitoring.rule.created',
        subjectType: 'threshold_rule',
        subjectId: r.id,
        detail: { level: b.level, trigger: b.trigger },
      },
      tx,
    );
    return r;
  });
  d.catalogue.invalidate();
  return ruleView(row);
}

export async function listRules(d: MonitoringDeps): Promise<{ items: TThresholdRule[] }> {
  const rows = await d.db.select().from(monitoringRules).orderBy(asc(monitoringRules.id));
  return { items: rows.map(ruleView) };
}
