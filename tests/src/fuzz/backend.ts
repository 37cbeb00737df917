import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '../../../backend/src/testing/processes.ts';

const BACKEND = fileURLToPath(new URL('../../../backend', import.meta.url));

/** What the backend wrote that says it failed: a logged 500, a failed socket event, a crash. */
export interface BackendFailure {
  kind: 'http_500' | 'socket_failure' | 'consumer_failure' | 'crash' | 'stderr';
  line: string;
}

/** Log messages of a failure the server should never have (see platform/http/errors.ts, realtime). */
const FAILURE_MESSAGES: Record<string, BackendFailure['kind']> = {
  'unhandled error': 'http_500',
  'client event failed': 'socket_failure',
  'handler failed; will retry': 'consumer_failure',
};

/**
 * The system under test as its own process (`node --import tsx src/main.ts`), as in production:
 * a crash is an exit, not a test error, and its log is read line by line for failures.
 */
export interface FuzzBackend {
  base: string;
  port: number;
  /** Failures seen so far (a crash included); the harness reads and compares the count. */
  failures: BackendFailure[];
  alive(): boolean;
  /** `/healthz` answers 200 within a second. */
  healthy(): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startBackend(env: Record<string, string>): Promise<FuzzBackend> {
  const port = await freePort();
  const failures: BackendFailure[] = [];
  let stopping = false;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: BACKEND,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) {
      let msg: unknown;
      try {
        msg = (JSON.parse(line) as { msg?: unknown }).msg;
      } catch {
        continue;
      }
      const kind = typeof msg === 'string' ? FAILURE_MESSAGES[msg] : undefined;
      if (kind) failures.push({ kind, line: line.slice(0, 2000) });
    }
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    // Node prints an unhandled rejection or exception here before it exits.
    if (/unhandled|uncaught|Error:/i.test(err)) {
      failures.push({ kind: 'stderr', line: err.slice(0, 4000) });
      err = '';
    }
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping)
        failures.push({ kind: 'crash', line: `backend exited: code ${code} signal ${signal}` });
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  await waitFor(
    'the backend to be ready',
    async () => {
      if (!alive())
        throw new Error(`backend exited at start: ${failures.map((f) => f.line).join('\n')}`);
      return (await fetch(`${base}/readyz`)).status === 200;
    },
    120_000,
    200,
  );
  return {
    base,
    port,
    failures,
    alive,
    async healthy() {
      if (!alive()) return false;
      try {
        const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
        return res.status === 200;
      } catch {
        return false;
      }
    },
    async stop() {
      stopping = true;
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
  };
}
