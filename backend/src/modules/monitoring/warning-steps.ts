import { eq } from 'drizzle-orm';
import { WARNING_LEVEL_LABELS, type TAdjustChanges, type WarningLevel } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { MonitoringDeps } from './deps.ts';
import { publishCap } from './cap/publish.ts';
import { deliver, departmentsForWarning } from './inbox.ts';
import { monitoringWarnings } from './tables.ts';
import type { WarningRow } from './warning-view.ts';

const codesOf = (w: WarningRow) => w.area?.codes ?? [];
const envelope = (w: WarningRow, actor: string) => ({
  actor,
  exercise: w.exercise,
  ...(w.drillRunId ? { drillRunId: w.drillRunId } : {}),
});

async function notify(tx: Tx, w: WarningRow, capIdentifier: string, prefix: string, at: Date) {
  const level = w.level as WarningLevel;
  await deliver(
    tx,
    await departmentsForWarning(tx, { category: w.category, level, area: w.area }),
    {
      kind: 'warning',
      refId: w.id,
      occurrence: capIdentifier,
      title: `${prefix}${WARNING_LEVEL_LABELS[level].zh}：${w.headline}`,
      level,
      exercise: w.exercise,
      at,
    },
  );
}

/** Publishes an approved draft: status, CAP Alert, event and inboxes in one transaction. */
export async function issue(d: MonitoringDeps, tx: Tx, w: WarningRow, approver: string, at: Date) {
  const [row] = await tx
    .update(monitoringWarnings)
    .set({
      status: 'issued',
      approvedBy: approver,
      issuedAt: at,
      senderName: w.issuer,
      updatedAt: at,
    })
    .where(eq(monitoringWarnings.id, w.id))
    .returning();
  const capIdentifier = await publishCap(d, tx, row!, 'Alert', at);
  await d.outbox.append(tx, [
    {
      type: 'monitoring.warning.issued',
      ...envelope(row!, approver),
      data: {
        warningId: w.id,
        level: row!.level as WarningLevel,
        category: row!.category,
        headline: row!.headline,
        areaCodes: codesOf(row!),
        capIdentifier,
        issuedAt: at.toISOString(),
        onset: row!.onset!.toISOString(),
        ...(row!.expiresAt ? { expiresAt: row!.expiresAt.toISOString() } : {}),
      },
    },
  ]);
  await notify(tx, row!, capIdentifier, '预警发布 ', at);
}

/** Applies an approved adjustment (art. 70: 调整预警级别并重新发布) with its CAP Update. */
export async function adjust(
  d: MonitoringDeps,
  tx: Tx,
  w: WarningRow,
  changes: TAdjustChanges,
  reason: string,
  approver: string,
  at: Date,
) {
  const [row] = await tx
    .update(monitoringWarnings)
    .set({
      ...(changes.level ? { level: changes.level } : {}),
      ...(changes.headline ? { headline: changes.headline } : {}),
      ...(changes.headlineEn ? { headlineEn: changes.headlineEn } : {}),
      ...(changes.area ? { area: changes.area } : {}),
      ...(changes.expiresAt ? { expiresAt: new Date(changes.expiresAt) } : {}),
      ...(changes.impacts ? { impacts: changes.impacts } : {}),
      ...(changes.impactsEn ? { impactsEn: changes.impactsEn } : {}),
      ...(changes.measures ? { measures: changes.measures } : {}),
      ...(changes.advice ? { advice: changes.advice } : {}),
      ...(changes.adviceEn ? { adviceEn: changes.adviceEn } : {}),
      status: 'adjusted',
      adjustedAt: at,
      updatedAt: at,
    })
    .where(eq(monitoringWarnings.id, w.id))
    .returning();
  const capIdentifier = await publishCap(d, tx, row!, 'Update', at, reason);
  await d.outbox.append(tx, [
    {
      type: 'monitoring.warning.adjusted',
      ...envelope(row!, approver),
      data: {
        warningId: w.id,
        level: row!.level as WarningLevel,
        previousLevel: w.level as WarningLevel,
        category: row!.category,
        headline: row!.headline,
        areaCodes: codesOf(row!),
        capIdentifier,
        adjustedAt: at.toISOString(),
      },
    },
  ]);
  await notify(tx, row!, capIdentifier, '预警调整 ', at);
}

/** Lifts a warning (art. 70), or records its expiry, with a CAP Cancel. */
export async function lift(
  d: MonitoringDeps,
  tx: Tx,
  w: WarningRow,
  reason: string,
  actor: string,
  at: Date,
  expired: boolean,
) {
  const [row] = await tx
    .update(monitoringWarnings)
    .set({ status: expired ? 'expired' : 'lifted', endedAt: at, endReason: reason, updatedAt: at })
    .where(eq(monitoringWarnings.id, w.id))
    .returning();
  const capIdentifier = await publishCap(d, tx, row!, 'Cancel', at, reason);
  await d.outbox.append(tx, [
    {
      type: 'monitoring.warning.lifted',
      ...envelope(row!, actor),
      data: { warningId: w.id, liftedAt: at.toISOString(), expired, capIdentifier },
    },
  ]);
  await notify(tx, row!, capIdentifier, expired ? '预警到期 ' : '预警解除 ', at);
}
