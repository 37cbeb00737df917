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
  /** Plays here the runs no live process plays (api role: the runner acts through this API). */
  startPlaying(): void;
  /** Ends the loops and hands their runs back, so another process goes on at once. */
  stop(): Promise<void>;
}

/**
 * Drills (issue 9): scenario files played as exercise runs on a simulated clock shared by every
 * module, through the modules' own API as drill accounts; after-action reports measured from the
 * run's events. A run is played by the one process holding its lease: the one that started it,
 * then any other api process once that one is gone (a restart loses no run).
 */
export function createDrillsModule(d: DrillsDeps): DrillsModule {
  const runner = createRunner(d);
  const runs = createRuns(d, runner);
  return {
    router: drillsRouter(d, runs),
    routes: Object.values(drillRoutes),
    consumers: [runEventsConsumer()],
    runs,
    startPlaying: () => runner.start(),
    stop: () => runner.stop(),
  };
}
