import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../backend/src/testing/env.ts';
import { runFuzz, type FuzzPlan } from './fuzz/run.ts';
import { figureLine, writeResult } from './fuzz/tally.ts';

/**
 * Fuzzing every outside input: each REST operation of the served OpenAPI document, each client
 * Socket.IO event, each NATS subject fed from outside or read by a consumer, each file importer
 * (see docs/fuzzing.md). A modest count here; `npm run fuzz` runs the full count (R2).
 */
const full = process.env.MUSTER_FUZZ === 'full';
// Inside `npm test` the seed is fixed, so a run repeats and CI never fails on chance;
// `npm run fuzz` draws a new seed each run to explore (and prints it).
const seed = Number(process.env.MUSTER_FUZZ_SEED ?? 20_261_129);
const plan: FuzzPlan = {
  seed,
  httpRunsPerOperation: full ? Number(process.env.MUSTER_FUZZ_HTTP_RUNS ?? 600) : 20,
  importRunsPerImporter: full ? 3_000 : 20,
  socketBatches: full ? 600 : 8,
  feedRunsPerFeed: full ? Number(process.env.MUSTER_FUZZ_FEED_RUNS ?? 1_500) : 10,
  ...(process.env.MUSTER_FUZZ_ONLY ? { only: process.env.MUSTER_FUZZ_ONLY } : {}),
  ...(process.env.MUSTER_FUZZ_PATH ? { path: process.env.MUSTER_FUZZ_PATH } : {}),
};

describe('fuzzing every outside input (R2)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it(
    'answers no input with a 5xx, never crashes, and writes nothing for what it refuses',
    async () => {
      const started = Date.now();
      const tally = await runFuzz(env, plan);
      const seconds = Math.round((Date.now() - started) / 1000);
      const line = figureLine(tally);
      if (full)
        writeResult(tally, {
          seed,
          goalInputs: 100_000,
          seconds,
          ...(plan.only ? { only: plan.only } : {}),
        });
      process.stdout.write(`\n${line} seed=${seed} seconds=${seconds}\n`);
      expect(tally.failures, `seed ${seed}:\n${tally.failures.join('\n\n')}`).toEqual([]);
      if (!plan.only && !plan.path) expect(tally.inputs).toBeGreaterThan(full ? 100_000 : 500);
    },
    // The count is fixed; the time is only a guard against a hang, generous for a loaded machine.
    full ? 4 * 3_600_000 : 360_000,
  );
});
