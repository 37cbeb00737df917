import { and, asc, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import {
  AppError,
  type RiskType,
  type WarningCategory,
  type WarningLevel,
} from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { MonitoringDeps } from './deps.ts';
import { RISK_LEGAL_BASIS } from './deps.ts';
import { monitoringInbox, monitoringResponsibilities } from './tables.ts';

type Row = typeof monitoringResponsibilities.$inferSelect;
const view = (r: Row) => ({
  departmentId: r.departmentId,
  departmentName: r.departmentName,
  riskTypes: r.riskTypes as RiskType[],
  areaCodes: r.areaCodes,
  warningCategories: r.warningCategories as WarningCategory[],
  minWarningLevel: r.minWarningLevel as WarningLevel,
  updatedAt: r.updatedAt.toISOString(),
});

/** 联防联控: sets what a department answers for and which warnings reach it (audited). */
export async function putResponsibility(
  d: MonitoringDeps,
  viewer: Viewer,
  departmentId: string,
  b: {
    departmentName: string;
    riskTypes: RiskType[];
    areaCodes: string[];
    warningCategories: WarningCategory[];
    minWarningLevel: WarningLevel;
  },
) {
  const now = d.clock.now();
  return d.db.transaction(async (tx) => {
    const values = { ...b, updatedAt: now };
    const [row] = await tx
      .insert(monitoringResponsibilities)
      .values({ departmentId, ...values })
      .onConflictDoUpdate({ target: monitoringResponsibilities.departmentId, set: values })
      .returning();
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'monitoring.responsibility.set',
        subjectType: 'department',
        subjectId: departmentId,
        legalBasis: RISK_LEGAL_BASIS,
      },
      tx,
    );
    return view(row!);
  });
}

export async function listResponsibilities(d: MonitoringDeps) {
  const rows = await d.db
    .select()
    .from(monitoringResponsibilities)
    .orderBy(asc(monitoringResponsibilities.departmentId));
  return { items: rows.map(view) };
}

/** Whose inbox: a department account reads its own; the office may name any department. */
function inboxOwner(viewer: Viewer, asked: string | undefined): string {
  if (viewer.role === 'department') {
    if (!viewer.departmentId) throw new AppError('monitoring.no_department');
    if (asked && asked !== viewer.departmentId) throw new AppError('auth.forbidden');
    return viewer.departmentId;
  }
  if (!asked) throw new AppError('monitoring.no_department');
  return asked;
}

export async function inbox(
  d: MonitoringDeps,
  viewer: Viewer,
  q: {
    limit: number;
    cursor?: string | undefined;
    departmentId?: string | undefined;
    unread?: boolean | undefined;
  },
) {
  const departmentId = inboxOwner(viewer, q.departmentId);
  const where: (SQL | undefined)[] = [
    eq(monitoringInbox.departmentId, departmentId),
    q.unread ? isNull(monitoringInbox.readAt) : undefined,
    q.cursor ? lt(monitoringInbox.id, q.cursor) : undefined,
  ];
  const rows = await d.db
    .select()
    .from(monitoringInbox)
    .where(and(...where))
    .orderBy(desc(monitoringInbox.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      departmentId: r.departmentId,
      kind: r.kind as 'warning',
      refId: r.refId,
      title: r.title,
      level: r.level as WarningLevel | null,
      exercise: r.exercise,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function markRead(
  d: MonitoringDeps,
  viewer: Viewer,
  id: string,
): Promise<{ ok: true }> {
  const [row] = await d.db.select().from(monitoringInbox).where(eq(monitoringInbox.id, id));
  if (!row || (viewer.role === 'department' && row.departmentId !== viewer.departmentId))
    throw new AppError('resource.not_found', id);
  await d.db
    .update(monitoringInbox)
    .set({ readAt: d.clock.now() })
    .where(and(eq(monitoringInbox.id, id), isNull(monitoringInbox.readAt)));
  return { ok: true };
}
