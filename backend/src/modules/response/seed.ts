import { eq } from 'drizzle-orm';
import type { AppRegistry } from '@muster/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Outbox } from '../../platform/bus/outbox.ts';
import type { AuditWriter } from '../../platform/access/audit-writer.ts';
import type { Clock } from '../../platform/clock.ts';
import { DEMO_FLOOD_PLAN, DEMO_PLAN_ID } from './demo-plan.ts';
import { publishVersion } from './plan-service.ts';
import { responsePlans } from './tables.ts';

/**
 * Seeds the demo district's urban-flooding plan (version 1) when it is missing. Idempotent: a
 * plan already there, revised or not, is left as it is.
 */
export async function seedResponseDemo(d: {
  db: Db;
  clock: Clock;
  outbox: Outbox<AppRegistry>;
  audit: AuditWriter;
}): Promise<{ planId: string; created: boolean }> {
  const created = await d.db.transaction(async (tx) => {
    const [found] = await tx.select().from(responsePlans).where(eq(responsePlans.id, DEMO_PLAN_ID));
    if (found) return false;
    const at = d.clock.now();
    const inserted = await tx
      .insert(responsePlans)
      .values({
        id: DEMO_PLAN_ID,
        category: DEMO_FLOOD_PLAN.category,
        createdBy: 'system',
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: responsePlans.id });
    if (inserted.length === 0) return false;
    await publishVersion(d, tx, { planId: DEMO_PLAN_ID, body: DEMO_FLOOD_PLAN, by: 'system', at });
    return true;
  });
  return { planId: DEMO_PLAN_ID, created };
}
