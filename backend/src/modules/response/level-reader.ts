import { asc, eq } from 'drizzle-orm';
import type { ResponseLevel, TLevelStep } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { responseLevelSteps } from './tables.ts';

/** The level history of an incident, oldest first. */
export async function levelStepsOf(db: Executor, incidentId: string): Promise<TLevelStep[]> {
  const rows = await db
    .select()
    .from(responseLevelSteps)
    .where(eq(responseLevelSteps.incidentId, incidentId))
    .orderBy(asc(responseLevelSteps.at), asc(responseLevelSteps.id));
  return rows.map((r) => ({
    id: r.id,
    action: r.action as TLevelStep['action'],
    from: r.levelFrom as ResponseLevel | null,
    to: r.levelTo as ResponseLevel | null,
    at: r.at.toISOString(),
    by: r.by,
    matters: r.matters,
    measures: r.measures,
    expectedEndAt: r.expectedEndAt?.toISOString() ?? null,
    reason: r.reason,
    commanderAccountId: r.commanderAccountId,
    planVersionId: r.planVersionId,
  }));
}
