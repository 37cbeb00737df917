import { defineConfig } from 'vitest/config';

/**
 * One run over every workspace's tests against real PostgreSQL and NATS. The global setup
 * migrates a template database once; each test file clones it and takes its own subject
 * namespace, so files run in parallel without sharing data.
 */
export default defineConfig({
  test: {
    include: [
      'contracts/src/**/*.test.ts',
      'backend/src/**/*.test.ts',
      'frontend/src/**/*.test.ts',
      'tests/src/**/*.test.ts',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    reporters: ['default', './tests/support/closing-line-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { NODE_ENV: 'test' },
  },
});
