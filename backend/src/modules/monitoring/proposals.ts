import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  POINT_KINDS,
  WARNING_CATEGORIES,
  WARNING_LEVEL_LABELS,
  levelRank,
  type TThresholdRule,
  type TWarningArea,
  type WarningLevel,
} from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { adminAreas } from '../../platform/geo/tables.ts';
import { newId } from '../../platform/ids.ts';
import type { PointInfo } from './catalogue.ts';
import { timeFor, type MonitoringDeps } from './deps.ts';
import { areaCovers } from './area-match.ts';
import { deliver } from './inbox.ts';
import { packFor } from './measures.ts';
import { monitoringAmendments, monitoringWarnings } from './tables.ts';

export interface Crossing {
  rule: TThresholdRule;
  point: PointInfo;
  /** The reading's time (ISO), the value that crossed. */
  at: string;
  value: number;
}

/**
 * What a crossing proposes (the system proposes, officers decide): when a warning of the
 * category already covers the point, an escalation if the crossing's level is higher; otherwise
 * a draft warning, or a higher level on the crossing's open system draft. Also tells the point's
 * department. Runs in the crossing's transaction.
 */
export async function proposeFromCrossing(d: MonitoringDeps, tx: Tx, c: Crossing): Promise<void> {
  const drillRunId = c.point.drillRunId;
  const exercise = drillRunId !== null;
  const drill = drillRunId ? { exercise, drillRunId } : { exercise };
  const now = timeFor(d, { exercise, drillRunId });
  const place = { lon: c.point.lon, lat: c.point.lat, areaCode: c.point.areaCode };
  const title = `${c.point.name}：${POINT_KINDS[c.point.kind].zh} ${c.value} ${c.point.unit} 达到${WARNING_LEVEL_LABELS[c.rule.level].zh}阈值`;
  await deliver(tx, [c.point.departmentId], {
    kind: 'threshold',
    refId: c.point.id,
    occurrence: `${c.rule.id}@${c.at}`,
    title,
    level: c.rule.level,
    exercise,
    at: now,
  });
  const open = await tx
    .select()
    .from(monitoringWarnings)
    .where(
      and(
        eq(monitoringWarnings.category, c.rule.category),
        eq(monitoringWarnings.exercise, exercise),
        drillRunId
          ? eq(monitoringWarnings.drillRunId, drillRunId)
          : isNull(monitoringWarnings.drillRunId),
        eq(monitoringWarnings.origin, 'own'),
        inArray(monitoringWarnings.status, ['issued', 'adjusted', 'draft', 'pending_approval']),
      ),
    );
  const covering = open
    .filter((w) => areaCovers(w.area, place))
    .sort((a, b) => levelRank(b.level as WarningLevel) - levelRank(a.level as WarningLevel));
  const inForce = covering.find((w) => w.status === 'issued' || w.status === 'adjusted');
  const proposed = { bySystem: true, pointId: c.point.id, ruleId: c.rule.id };
  if (inForce) {
    if (levelRank(c.rule.level) <= levelRank(inForce.level as WarningLevel)) return;
    const [existing] = await tx
      .select()
      .from(monitoringAmendments)
      .where(
        and(
          eq(monitoringAmendments.warningId, inForce.id),
          inArray(monitoringAmendments.status, ['proposed', 'pending']),
        ),
      );
    if (existing) {
      const level = existing.changes.level;
      // A system proposal not yet taken up follows the readings; an officer's step is theirs.
      if (existing.status !== 'proposed' || (level && levelRank(level) >= levelRank(c.rule.level)))
        return;
      await tx
        .update(monitoringAmendments)
        .set({ changes: { ...existing.changes, level: c.rule.level } })
        .where(eq(monitoringAmendments.id, existing.id));
    } else {
      await tx.insert(monitoringAmendments).values({
        id: newId(),
        warningId: inForce.id,
        action: 'adjust',
        status: 'proposed',
        changes: {
          level: c.rule.level,
          measures: await packFor(tx, c.rule.level, c.rule.category),
        },
        reason: `${title}（${c.at}）`,
        proposedBy: 'system',
        createdAt: now,
      });
    }
    await d.outbox.append(tx, [
      {
        type: 'monitoring.warning.proposed',
        actor: 'system',
        ...drill,
        data: {
          warningId: inForce.id,
          action: 'adjust',
          level: c.rule.level,
          category: c.rule.category,
          ...proposed,
        },
      },
    ]);
    return;
  }
  const draft = covering.find((w) => w.status === 'draft' && w.proposedBy === 'system');
  if (covering.some((w) => w.status !== 'draft' || w.proposedBy !== 'system') && !draft) return;
  const measures = await packFor(tx, c.rule.level, c.rule.category);
  const headline = `${WARNING_CATEGORIES[c.rule.category].zh}${WARNING_LEVEL_LABELS[c.rule.level].zh}预警（建议）`;
  const proposal = { ruleId: c.rule.id, pointId: c.point.id, observedAt: c.at, value: c.value };
  let warningId: string;
  if (draft) {
    if (levelRank(c.rule.level) <= levelRank(draft.level as WarningLevel)) return;
    warningId = draft.id;
    await tx
      .update(monitoringWarnings)
      .set({ level: c.rule.level, headline, measures, proposal, updatedAt: now })
      .where(eq(monitoringWarnings.id, draft.id));
  } else {
    warningId = newId();
    const [area] = await tx.select().from(adminAreas).where(eq(adminAreas.code, c.point.areaCode));
    const warningArea: TWarningArea = {
      description: area?.name ?? c.point.areaCode,
      codes: [c.point.areaCode],
      polygons: [],
      circles: [],
    };
    await tx.insert(monitoringWarnings).values({
      id: warningId,
      status: 'draft',
      origin: 'own',
      exercise,
      drillRunId,
      category: c.rule.category,
      level: c.rule.level,
      headline,
      area: warningArea,
      onset: new Date(c.at),
      measures,
      issuer: d.capSenderName,
      proposedBy: 'system',
      proposal,
      createdAt: now,
      updatedAt: now,
    });
  }
  await d.outbox.append(tx, [
    {
      type: 'monitoring.warning.proposed',
      actor: 'system',
      data: {
        warningId,
        action: 'issue',
        level: c.rule.level,
        category: c.rule.category,
        ...proposed,
      },
    },
  ]);
}
