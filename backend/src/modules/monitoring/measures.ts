import { and, eq, inArray } from 'drizzle-orm';
import type { ZMeasurePack } from '@muster/contracts';
import { type TMeasure, type WarningCategory, type WarningLevel } from '@muster/contracts';
import type { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { WARNING_LEGAL_BASIS, type MonitoringDeps } from './deps.ts';
import { monitoringMeasurePacks } from './tables.ts';

type Pack = z.infer<typeof ZMeasurePack>;

/**
 * The measures proposed for a level and category: the category's own pack, else the default
 * pack of the level (seeded from art. 66 and 67, editable). Empty when neither exists.
 */
export async function packFor(
  db: Executor,
  level: WarningLevel,
  category: WarningCategory,
): Promise<TMeasure[]> {
  const rows = await db
    .select()
    .from(monitoringMeasurePacks)
    .where(
      and(
        eq(monitoringMeasurePacks.level, level),
        inArray(monitoringMeasurePacks.category, [category, 'default']),
      ),
    );
  const own =
    rows.find((r) => r.category === category) ?? rows.find((r) => r.category === 'default');
  return own?.measures ?? [];
}

function view(r: typeof monitoringMeasurePacks.$inferSelect): Pack {
  return {
    level: r.level as WarningLevel,
    category: r.category === 'default' ? null : (r.category as WarningCategory),
    measures: r.measures,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listPacks(d: MonitoringDeps): Promise<{ items: Pack[] }> {
  const rows = await d.db.select().from(monitoringMeasurePacks);
  const order = { red: 0, orange: 1, yellow: 2, blue: 3 } as const;
  rows.sort(
    (a, b) =>
      order[a.level as WarningLevel] - order[b.level as WarningLevel] ||
      a.category.localeCompare(b.category),
  );
  return { items: rows.map(view) };
}

/** Replaces a pack; audited, since it shapes what every later warning proposes. */
export async function putPack(
  d: MonitoringDeps,
  viewer: Viewer,
  level: WarningLevel,
  category: WarningCategory | 'default',
  measures: TMeasure[],
): Promise<Pack> {
  const now = d.clock.now();
  return d.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(monitoringMeasurePacks)
      .values({ level, category, measures, updatedBy: viewer.accountId, updatedAt: now })
      .onConflictDoUpdate({
        target: [monitoringMeasurePacks.level, monitoringMeasurePacks.category],
        set: { measures, updatedBy: viewer.accountId, updatedAt: now },
      })
      .returning();
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'monitoring.measure_pack.replaced',
        subjectType: 'measure_pack',
        subjectId: `${level}/${category}`,
        legalBasis: WARNING_LEGAL_BASIS,
        detail: { measures: measures.length },
      },
      tx,
    );
    return view(row!);
  });
}
