import { and, eq, inArray } from 'drizzle-orm';
import {
  POINT_KINDS,
  WARNING_CATEGORIES,
  WARNING_LEVEL_LABELS,
  levelRank,
  type AppRegistry,
  type TThresholdRule,
  type TWarningArea,
  type WarningLevel,
} from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { EventDraft } from '../../platform/bus/outbox.ts';
import { adminAreas } from '../../platform/geo/tables.ts';
import { newId } from '../../platform/ids.ts';
import type { PointInfo } from './catalogue.ts';
import { timeFor, type MonitoringDeps } from './deps.ts';
import { areaCovers } from './area-match.ts';
import { deliverAll } from './inbox.ts';
import { packFor } from './measures.ts';
import { monitoringAmendments, monitoringWarnings } from './tables.ts';

export interface Crossing {
  rule: TThresholdRule;
  point: PointInfo;
  /** The reading's time (ISO), the value that crossed. */
  at: string;
  value: number;
}

type WarningRow = typeof monitoringWarnings.$inferSelect;
type Draft = EventDraft<AppRegistry>;

/**
 * The warnings a batch's crossings may touch: own, open, of the given categories. Real and
 * drill warnings are read together; each crossing keeps to its own (see `sameRun`).
 */
async function openWarnings(tx: Tx, categories: readonly string[]): Promise<WarningRow[]> {
  return tx
    .select()
    .from(monitoringWarnings)
    .where(
      and(
        inArray(monitoringWarnings.category, [...new Set(categories)]),
        eq(monitoringWarnings.origin, 'own'),
        inArray(monitoringWarnings.status, ['issued', 'adjusted', 'draft', 'pending_approval']),
      ),
    );
}

/** A real crossing touches real warnings only; a drill point's, its own run's only. */
const sameRun = (w: WarningRow, c: Crossing) =>
  c.point.drillRunId === null
    ? !w.exercise && w.drillRunId === null
    : w.exercise && w.drillRunId === c.point.drillRunId;

/** What a crossing's records carry: a drill point's are exercises of its run. */
const drillOf = (c: Crossing) =>
  c.point.drillRunId
    ? { exercise: true, drillRunId: c.point.drillRunId }
    : { exercise: false as const };

const titleOf = (c: Crossing) =>
  `${c.point.name}：${POINT_KINDS[c.point.kind].zh} ${c.value} ${c.point.unit} 达到${WARNING_LEVEL_LABELS[c.rule.level].zh}阈值`;

/**
 * What a batch's crossings propose (the system proposes, officers decide), in order: when a
 * warning of the category already covers the point, an escalation if the crossing's level is
 * higher; otherwise a draft warning, or a higher level on the crossing's open system draft. Also
 * tells each point's department. Runs in the crossings' transaction and returns the events to
 * append: the open warnings are read once per batch and followed in memory as the batch changes
 * them, and the inbox items go in one statement.
 */
export async function proposeFromCrossings(
  d: MonitoringDeps,
  tx: Tx,
  crossings: readonly Crossing[],
): Promise<Draft[]> {
  if (crossings.length === 0) return [];
  const delivered = deliverAll(
    tx,
    crossings.map((c) => ({
      departmentIds: [c.point.departmentId],
      item: {
        kind: 'threshold' as const,
        refId: c.point.id,
        occurrence: `${c.rule.id}@${c.at}`,
        title: titleOf(c),
        level: c.rule.level,
        exercise: drillOf(c).exercise,
        at: timeFor(d, drillOf(c)),
      },
    })),
  );
  const [, open] = await Promise.all([
    delivered,
    openWarnings(
      tx,
      crossings.map((c) => c.rule.category),
    ),
  ]);
  const events: Draft[] = [];
  for (const c of crossings)
    events.push(...(await proposeOne(d, tx, c, open, timeFor(d, drillOf(c)))));
  return events;
}

/** One crossing's proposal; `open` is kept up to date with what it writes. */
async function proposeOne(
  d: MonitoringDeps,
  tx: Tx,
  c: Crossing,
  open: WarningRow[],
  now: Date,
): Promise<Draft[]> {
  const place = { lon: c.point.lon, lat: c.point.lat, areaCode: c.point.areaCode };
  const title = titleOf(c);
  const covering = open
    .filter((w) => w.category === c.rule.category && sameRun(w, c) && areaCovers(w.area, place))
    .sort((a, b) => levelRank(b.level as WarningLevel) - levelRank(a.level as WarningLevel));
  const inForce = covering.find((w) => w.status === 'issued' || w.status === 'adjusted');
  const proposed = { bySystem: true, pointId: c.point.id, ruleId: c.rule.id };
  const drill = drillOf(c);
  if (inForce) {
    if (levelRank(c.rule.level) <= levelRank(inForce.level as WarningLevel)) return [];
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
        return [];
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
    return [
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
    ];
  }
  const draft = covering.find((w) => w.status === 'draft' && w.proposedBy === 'system');
  if (covering.some((w) => w.status !== 'draft' || w.proposedBy !== 'system') && !draft) return [];
  if (draft && levelRank(c.rule.level) <= levelRank(draft.level as WarningLevel)) return [];
  const measures = await packFor(tx, c.rule.level, c.rule.category);
  const headline = `${WARNING_CATEGORIES[c.rule.category].zh}${WARNING_LEVEL_LABELS[c.rule.level].zh}预警（建议）`;
  const proposal = { ruleId: c.rule.id, pointId: c.point.id, observedAt: c.at, value: c.value };
  let warningId: string;
  if (draft) {
    warningId = draft.id;
    const [row] = await tx
      .update(monitoringWarnings)
      .set({ level: c.rule.level, headline, measures, proposal, updatedAt: now })
      .where(eq(monitoringWarnings.id, draft.id))
      .returning();
    open.splice(open.indexOf(draft), 1, row!);
  } else {
    warningId = newId();
    const [area] = await tx.select().from(adminAreas).where(eq(adminAreas.code, c.point.areaCode));
    const warningArea: TWarningArea = {
      description: area?.name ?? c.point.areaCode,
      codes: [c.point.areaCode],
      polygons: [],
      circles: [],
    };
    const [row] = await tx
      .insert(monitoringWarnings)
      .values({
        id: warningId,
        status: 'draft',
        origin: 'own',
        exercise: drill.exercise,
        drillRunId: c.point.drillRunId,
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
      })
      .returning();
    open.push(row!);
  }
  return [
    {
      type: 'monitoring.warning.proposed',
      actor: 'system',
      ...drill,
      data: {
        warningId,
        action: 'issue',
        level: c.rule.level,
        category: c.rule.category,
        ...proposed,
      },
    },
  ];
}
