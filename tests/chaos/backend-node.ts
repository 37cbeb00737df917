import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '../../backend/src/testing/processes.ts';

const BACKEND = fileURLToPath(new URL('../../backend', import.meta.url));

/** The roles a backend process runs (MUSTER_ROLES). */
export type Roles = 'api,consumers,realtime' | 'api' | 'consumers' | 'realtime';

/**
 * One backend process (`node --import tsx src/main.ts`) as production runs it, on a port it keeps
 * across restarts, so a client can reconnect to the same address. Faults are signals: SIGKILL,
 * SIGSTOP/SIGCONT.
 */
export class BackendNode {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** The last lines it wrote, for the report when it fails to start. */
  tail = '';
  starts = 0;

  private constructor(
    readonly name: string,
    readonly roles: Roles,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async create(name: string, roles: Roles, env: Record<string, string>) {
    return new BackendNode(name, roles, await freePort(), env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.signalCode;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and waits for `/readyz` (database and bus reachable). */
  async start(timeoutMs = 120_000): Promise<void> {
    this.starts++;
    const c = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: BACKEND,
      env: {
        ...process.env,
        ...this.env,
        MUSTER_ROLES: this.roles,
        INSTANCE_ID: `${this.name}-${this.starts}`,
        PORT: String(this.port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => (this.tail = (this.tail + d.toString()).slice(-8_000));
    c.stdout?.on('data', keep);
    c.stderr?.on('data', keep);
    this.child = c;
    this.exited = new Promise((resolve) => c.once('exit', () => resolve()));
    await waitFor(
      `${this.name} to be ready`,
      async () => {
        if (!this.running) throw new Error(`${this.name} exited at start:\n${this.tail}`);
        const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
        return res.status === 200;
      },
      timeoutMs,
      200,
    );
  }

  /** Sends a signal; for SIGKILL and SIGTERM waits until the process is gone. */
  async signal(sig: NodeJS.Signals): Promise<void> {
    const c = this.child;
    if (!c || !this.running) return;
    c.kill(sig);
    if (sig === 'SIGKILL' || sig === 'SIGTERM') {
      await this.exited;
      this.child = undefined;
    }
  }

  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGCONT');
    const done = this.signal('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await done;
    clearTimeout(timer);
  }
}
