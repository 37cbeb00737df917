import { seedDemoDistrict } from '../platform/geo/seed.ts';
import { systemClock } from '../platform/clock.ts';
import { seedResponseDemo } from '../modules/response/index.ts';
import { startForcesWorld, type ForcesWorld, type WorldAccount } from './forces-world.ts';

/**
 * A backend on the real clock (a drill's clock runs from it) with the demo district and its
 * flood plan seeded, and signed-in accounts by name: what every drills test starts from.
 */
export async function startDrillsWorld(
  accounts: Record<string, WorldAccount>,
  config: Record<string, string> = {},
): Promise<ForcesWorld> {
  const w = await startForcesWorld(accounts, { config: { SWEEP_EVERY_MS: '1000', ...config } });
  await seedDemoDistrict(w.m.database.db);
  await seedResponseDemo({
    db: w.m.database.db,
    clock: systemClock,
    outbox: w.m.outbox,
    audit: w.m.audit,
  });
  return w;
}
