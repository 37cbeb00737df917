import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import { AppError, type TCapMessage, type TWarning, type WarningStatus } from '@muster/contracts';
import type { MonitoringDeps } from './deps.ts';
import { monitoringCapMessages, monitoringWarnings } from './tables.ts';
import { loadWarnings, reloadWarning } from './warning-view.ts';

/** Warnings for the office, newest first (ids are time-ordered), with filters. */
export async function listWarnings(
  d: MonitoringDeps,
  q: {
    limit: number;
    cursor?: string | undefined;
    status?: WarningStatus | undefined;
    origin?: 'own' | 'external' | undefined;
    exercise?: boolean | undefined;
  },
): Promise<{ items: TWarning[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [
    q.status ? eq(monitoringWarnings.status, q.status) : undefined,
    q.origin ? eq(monitoringWarnings.origin, q.origin) : undefined,
    q.exercise === undefined ? undefined : eq(monitoringWarnings.exercise, q.exercise),
    q.cursor ? lt(monitoringWarnings.id, q.cursor) : undefined,
  ];
  const rows = await d.db
    .select()
    .from(monitoringWarnings)
    .where(and(...where))
    .orderBy(desc(monitoringWarnings.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: await loadWarnings(d.db, page),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export function getWarning(d: MonitoringDeps, id: string): Promise<TWarning> {
  return reloadWarning(d.db, id);
}

export function capView(r: typeof monitoringCapMessages.$inferSelect): TCapMessage {
  return {
    identifier: r.identifier,
    sender: r.sender,
    sent: r.sent,
    msgType: r.msgType as TCapMessage['msgType'],
    status: r.status as TCapMessage['status'],
    warningId: r.warningId,
    external: r.external,
    references: r.references,
  };
}

export async function warningCapMessages(
  d: MonitoringDeps,
  id: string,
): Promise<{ items: TCapMessage[] }> {
  await reloadWarning(d.db, id);
  const rows = await d.db
    .select()
    .from(monitoringCapMessages)
    .where(eq(monitoringCapMessages.warningId, id))
    .orderBy(asc(monitoringCapMessages.sentAt), asc(monitoringCapMessages.createdAt));
  return { items: rows.map(capView) };
}

/** One CAP message Muster published (never an imported one: those are their agency's). */
export async function ownCapMessage(d: MonitoringDeps, identifier: string) {
  const [row] = await d.db
    .select()
    .from(monitoringCapMessages)
    .where(
      and(
        eq(monitoringCapMessages.identifier, identifier),
        eq(monitoringCapMessages.sender, d.capSender),
        eq(monitoringCapMessages.external, false),
      ),
    );
  if (!row) throw new AppError('monitoring.cap_not_found', identifier);
  return row;
}
