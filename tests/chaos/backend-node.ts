import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../backend/src/testing/processes.ts';

const BACKEND = fileURLToPath(new URL('../../backend', import.meta.url));

/** The roles a backend process runs (MUSTER_ROLES). */
export type Roles = 'api,consumers,realtime' | 'api' | 'consumers' | 'realtime';

/** Where a process runs: its own network namespace (the command wrapped), at an address. */
export interface Placement {
  wrap?: (argv: string[]) => string[];
  address?: string;
  /** Settings that differ there (the addresses of PostgreSQL and NATS as seen from it). */
  env?: Record<string, string>;
}

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
  /** Answered `/readyz` since its last start, and not hit by a fault since. */
  ready = false;

  private constructor(
    readonly name: string,
    readonly roles: Roles,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly place: Placement,
  ) {}

  static async create(
    name: string,
    roles: Roles,
    env: Record<string, string>,
    place: Placement = {},
  ) {
    return new BackendNode(name, roles, await freePort(), env, place);
  }

  get url(): string {
    return `http://${this.place.address ?? '127.0.0.1'}:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.signalCode;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Exits nobody asked for, with the last lines the process wrote. A supervised node is started
   * again a second later, as systemd (`Restart=always`) or Kubernetes would.
   */
  readonly crashes: { at: string; code: number | null; signal: string | null; tail: string }[] = [];
  supervised = false;
  private expectExit = false;

  /** Starts the process and waits for `/readyz` (database and bus reachable). */
  async start(timeoutMs = 120_000): Promise<void> {
    if (!this.running) this.spawnChild();
    await this.waitReady(timeoutMs);
  }

  private spawnChild(): void {
    this.starts++;
    this.expectExit = false;
    const argv = [process.execPath, '--import', 'tsx', 'src/main.ts'];
    const [cmd, ...args] = this.place.wrap ? this.place.wrap(argv) : argv;
    const c = spawn(cmd!, args, {
      cwd: BACKEND,
      env: {
        ...process.env,
        ...this.env,
        MUSTER_ROLES: this.roles,
        INSTANCE_ID: `${this.name}-${this.starts}`,
        PORT: String(this.port),
        HOST: this.place.address ?? '127.0.0.1',
        ...this.place.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => (this.tail = (this.tail + d.toString()).slice(-8_000));
    c.stdout?.on('data', keep);
    c.stderr?.on('data', keep);
    this.child = c;
    this.exited = new Promise((resolve) => c.once('exit', () => resolve()));
    c.once('exit', (code, signal) => {
      if (this.expectExit || this.child !== c) return;
      this.ready = false;
      this.crashes.push({
        at: new Date().toISOString(),
        code,
        signal,
        tail: this.tail.slice(-1500),
      });
      if (!this.supervised) return;
      setTimeout(() => {
        if (this.child !== c || !this.supervised) return;
        this.spawnChild();
        this.waitReady().catch(() => undefined);
      }, 1_000);
    });
  }

  /** Waits until `/readyz` answers 200 (database and bus reachable). */
  async waitReady(timeoutMs = 120_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited at start:\n${this.tail}`);
      const ready = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ready) {
        this.ready = true;
        return;
      }
      if (Date.now() > until) throw new Error(`${this.name} not ready in time:\n${this.tail}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Sends a signal; for SIGKILL and SIGTERM waits until the process is gone. */
  async signal(sig: NodeJS.Signals): Promise<void> {
    const c = this.child;
    if (!c || !this.running) return;
    if (sig !== 'SIGCONT') this.ready = false;
    if (sig === 'SIGKILL' || sig === 'SIGTERM') this.expectExit = true;
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
    this.supervised = false;
    if (!this.running) return;
    this.child?.kill('SIGCONT');
    const done = this.signal('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await done;
    clearTimeout(timer);
  }
}
