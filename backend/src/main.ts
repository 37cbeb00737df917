import { ConfigError, loadConfig } from './platform/config.ts';
import { startMuster } from './app.ts';
import { failureReason } from './platform/bus/consumer.ts';
import { databaseUnavailable } from './platform/db/errors.ts';

/** The process entry point: config from the environment, then the roles it names. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const muster = await startMuster(config);
  // A promise that failed because PostgreSQL went away and that nothing awaited any more (its
  // operation had already failed and been answered or retried) must not end a process that
  // recovers on its own when the database is back. Anything else leaves the process in a state
  // nobody planned for: it exits, and the supervisor starts it afresh.
  process.on('unhandledRejection', (err) => {
    if (databaseUnavailable(err)) {
      muster.logger.warn(
        { reason: failureReason(err) },
        'a database call failed with nobody waiting for it (PostgreSQL out of reach); carrying on',
      );
      return;
    }
    // The frames, without the message's first line (a failed query's parameters).
    const frames = err instanceof Error ? err.stack?.split('\n').slice(1).join('\n') : undefined;
    muster.logger.fatal({ reason: failureReason(err), frames }, 'unhandled rejection; exiting');
    process.exit(1);
  });
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(130);
    muster.logger.info({ signal }, 'shutdown requested');
    const force = setTimeout(() => {
      muster.logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    void muster.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `muster failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
