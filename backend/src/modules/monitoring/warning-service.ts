import { eq } from 'drizzle-orm';
import {
  AppError,
  type TWarning,
  type TWarningContent,
  type TWarningDraftRequest,
} from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { newId } from '../../platform/ids.ts';
import { WARNING_LEGAL_BASIS, timeFor, type MonitoringDeps } from './deps.ts';
import { packFor } from './measures.ts';
import { monitoringAmendments, monitoringWarnings } from './tables.ts';
import { requireContent } from './warning-content.ts';
import { lockWarning, reloadWarning, requireStatus, type WarningRow } from './warning-view.ts';

async function contentColumns(d: MonitoringDeps, tx: Tx, b: TWarningContent) {
  return {
    category: b.category,
    level: b.level,
    headline: b.headline,
    headlineEn: b.headlineEn ?? null,
    area: b.area ?? null,
    onset: b.onset ? new Date(b.onset) : null,
    expiresAt: b.expiresAt ? new Date(b.expiresAt) : null,
    impacts: b.impacts ?? null,
    impactsEn: b.impactsEn ?? null,
    // Omitted measures: the level's pack (art. 66/67), for the officer to edit.
    measures: b.measures ?? (await packFor(tx, b.level, b.category)),
    advice: b.advice ?? null,
    adviceEn: b.adviceEn ?? null,
    issuer: b.issuer ?? d.capSenderName,
  };
}

export async function audit(
  d: MonitoringDeps,
  tx: Tx,
  actor: string,
  action: string,
  w: Pick<WarningRow, 'id' | 'level' | 'exercise'>,
  extra: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  await d.audit.append(
    {
      actor,
      action,
      subjectType: 'warning',
      subjectId: w.id,
      legalBasis: WARNING_LEGAL_BASIS,
      detail: { level: w.level, exercise: w.exercise, ...extra },
    },
    tx,
  );
}

/** An officer drafts a warning (the proposer: they will not approve it). */
export async function createDraft(
  d: MonitoringDeps,
  viewer: Viewer,
  b: TWarningDraftRequest,
): Promise<TWarning> {
  const id = newId();
  const now = timeFor(d, b);
  await d.db.transaction(async (tx) => {
    const cols = await contentColumns(d, tx, b);
    await tx.insert(monitoringWarnings).values({
      id,
      status: 'draft',
      origin: 'own',
      exercise: b.exercise,
      drillRunId: b.drillRunId ?? null,
      ...cols,
      proposedBy: viewer.accountId,
      createdAt: now,
      updatedAt: now,
    });
    await d.outbox.append(tx, [
      {
        type: 'monitoring.warning.proposed',
        actor: viewer.accountId,
        exercise: b.exercise,
        ...(b.drillRunId ? { drillRunId: b.drillRunId } : {}),
        data: {
          warningId: id,
          action: 'issue',
          level: b.level,
          category: b.category,
          bySystem: false,
        },
      },
    ]);
    await audit(d, tx, viewer.accountId, 'monitoring.warning.drafted', {
      id,
      level: b.level,
      exercise: b.exercise,
    });
  });
  return reloadWarning(d.db, id);
}

/** Replaces a draft's content; a pending or published warning changes only by its steps. */
export async function editDraft(
  d: MonitoringDeps,
  viewer: Viewer,
  id: string,
  b: TWarningContent,
): Promise<TWarning> {
  await d.db.transaction(async (tx) => {
    const w = await lockWarning(tx, id);
    requireStatus(w, 'draft');
    await tx
      .update(monitoringWarnings)
      .set({ ...(await contentColumns(d, tx, b)), updatedAt: timeFor(d, w) })
      .where(eq(monitoringWarnings.id, id));
    await audit(d, tx, viewer.accountId, 'monitoring.warning.edited', { ...w, level: b.level });
  });
  return reloadWarning(d.db, id);
}

export async function discardDraft(
  d: MonitoringDeps,
  viewer: Viewer,
  id: string,
): Promise<TWarning> {
  await d.db.transaction(async (tx) => {
    const w = await lockWarning(tx, id);
    requireStatus(w, 'draft');
    await tx
      .update(monitoringWarnings)
      .set({ status: 'discarded', updatedAt: timeFor(d, w) })
      .where(eq(monitoringWarnings.id, id));
    await audit(d, tx, viewer.accountId, 'monitoring.warning.discarded', w);
  });
  return reloadWarning(d.db, id);
}

/**
 * Hands the waiting step to a second officer: a complete draft (art. 64), or a system-proposed
 * adjustment taken up by this officer. The submitter is a proposer: they will not approve it.
 */
export async function submit(d: MonitoringDeps, viewer: Viewer, id: string): Promise<TWarning> {
  await d.db.transaction(async (tx) => {
    const w = await lockWarning(tx, id);
    const now = timeFor(d, w);
    const ev = {
      actor: viewer.accountId,
      exercise: w.exercise,
      ...(w.drillRunId ? { drillRunId: w.drillRunId } : {}),
    };
    if (w.status === 'draft') {
      requireContent(w, now);
      await tx
        .update(monitoringWarnings)
        .set({
          status: 'pending_approval',
          submittedBy: viewer.accountId,
          submittedAt: now,
          returnReason: null,
          updatedAt: now,
        })
        .where(eq(monitoringWarnings.id, id));
      await d.outbox.append(tx, [
        { type: 'monitoring.warning.submitted', ...ev, data: { warningId: id, action: 'issue' } },
      ]);
      await audit(d, tx, viewer.accountId, 'monitoring.warning.submitted', w, { action: 'issue' });
      return;
    }
    const [proposal] = await tx
      .select()
      .from(monitoringAmendments)
      .where(eq(monitoringAmendments.warningId, id))
      .then((rows) => rows.filter((a) => a.status === 'proposed'));
    if (!proposal) throw new AppError('monitoring.warning_wrong_status', w.status);
    requireStatus(w, 'issued', 'adjusted');
    await tx
      .update(monitoringAmendments)
      .set({ status: 'pending', submittedBy: viewer.accountId, submittedAt: now })
      .where(eq(monitoringAmendments.id, proposal.id));
    const action = proposal.action as 'adjust' | 'lift';
    await d.outbox.append(tx, [
      { type: 'monitoring.warning.submitted', ...ev, data: { warningId: id, action } },
    ]);
    await audit(d, tx, viewer.accountId, 'monitoring.warning.submitted', w, { action });
  });
  return reloadWarning(d.db, id);
}
