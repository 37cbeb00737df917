import { readFileSync } from 'node:fs';
import { desc } from 'drizzle-orm';
import { parseScenarioYaml, scenarioSeconds } from '@muster/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { drillScenarios } from './tables.ts';

/** The demo scenario: an urban flood along the Jialing in Beibei (seeded by `npm run up`). */
export const DEMO_SCENARIO_SLUG = 'beibei-jialing-flood';
export const DEMO_SCENARIO_FILE = new URL('./scenarios/beibei-jialing-flood.yaml', import.meta.url);

export function demoScenarioYaml(): string {
  return readFileSync(DEMO_SCENARIO_FILE, 'utf8');
}

/** Seeds the demo scenario (idempotent: an existing one is kept as it is). */
export async function seedDrillScenarios(d: { db: Db; clock: Clock }): Promise<void> {
  const yaml = demoScenarioYaml();
  const r = parseScenarioYaml(yaml);
  if (!r.ok) throw new Error(`the demo scenario is invalid: ${JSON.stringify(r.problems)}`);
  await d.db
    .insert(drillScenarios)
    .values({
      id: newId(),
      slug: DEMO_SCENARIO_SLUG,
      name: r.scenario.name,
      yaml,
      createdAt: d.clock.now(),
    })
    .onConflictDoNothing();
}

export async function listScenarios(db: Db) {
  const rows = await db.select().from(drillScenarios).orderBy(desc(drillScenarios.createdAt));
  return {
    items: rows.flatMap((s) => {
      const r = parseScenarioYaml(s.yaml);
      if (!r.ok) return [];
      return [
        {
          id: s.id,
          name: s.name,
          description: r.scenario.description,
          injects: r.scenario.injects.length,
          durationS: scenarioSeconds(r.scenario),
          createdAt: s.createdAt.toISOString(),
        },
      ];
    }),
  };
}
