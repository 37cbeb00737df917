import type { Router } from 'express';
import { drillRoutes, type AppRegistry, type RouteContract } from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import type { DrillsDeps } from './deps.ts';
import { runEventsConsumer } from './consumers.ts';
import { createRunner } from './runner.ts';
import { createRuns, type Runs } from './runs-service.ts';
import { drillsRouter } from './routes.ts';

export type { DrillApi, DrillsDeps } from './deps.ts';
export { seedDrillScenarios, demoScenarioYaml, DEMO_SCENARIO_SLUG } from './scenarios.ts';

export interface DrillsModule {
  router: Router;
  routes: RouteContract[];
  consumers: ConsumerDefinition<AppRegistry>[];
  runs: Runs;
  stop(): Promise<void>;
}

/**
 * Drills (issue 9): scenario files played as exercise runs on a simulated clock shared by every
 * module, through the modules' own API as drill accounts; after-action reports measured from the
 * run's events. Runs are played by the process that started them.
 */
export function createDrillsModule(d: DrillsDeps): DrillsModule {
  const runner = createRunner(d);
  const runs = createRuns(d, runner);
  return {
    router: drillsRouter(d, runs),
    routes: Object.values(drillRoutes),
    consumers: [runEventsConsumer()],
    runs,
    stop: () => runner.stop(),
  };
}
