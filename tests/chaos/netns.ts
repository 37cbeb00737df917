import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim() || r.error}`);
}

/**
 * A network namespace for one backend process, joined to the host by a veth pair: the backend
 * reaches PostgreSQL at `hostIp` and NATS at `natsIp` (a second address of the host end), and
 * the run reaches the backend at `nsIp`. A partition is a blackhole route to `natsIp` inside the
 * namespace: packets to NATS vanish (no reset, no refusal), as when a link between racks fails,
 * while the database and the HTTP clients still reach the process. Needs root (CAP_NET_ADMIN).
 */
export class NetworkNamespace {
  readonly hostIp = '10.231.0.1';
  readonly nsIp = '10.231.0.2';
  readonly natsIp = '10.231.0.3';
  private constructor(readonly name: string) {}

  /** Creates it, or says why it cannot be made here. */
  static create(): NetworkNamespace | string {
    const ns = new NetworkNamespace(`muster-chaos-${process.pid}`);
    const host = `mch${process.pid % 100_000}`;
    try {
      ip('netns', 'add', ns.name);
      ip('link', 'add', host, 'type', 'veth', 'peer', 'name', 'mcn0', 'netns', ns.name);
      ip('addr', 'add', `${ns.hostIp}/24`, 'dev', host);
      ip('addr', 'add', `${ns.natsIp}/32`, 'dev', host);
      ip('link', 'set', host, 'up');
      ns.exec('ip', 'addr', 'add', `${ns.nsIp}/24`, 'dev', 'mcn0');
      ns.exec('ip', 'link', 'set', 'mcn0', 'up');
      ns.exec('ip', 'link', 'set', 'lo', 'up');
      return ns;
    } catch (err) {
      ns.remove();
      return err instanceof Error ? err.message : String(err);
    }
  }

  private exec(...args: string[]): void {
    ip('netns', 'exec', this.name, ...args);
  }

  /** The command line that runs `argv` inside the namespace. */
  wrap(argv: string[]): string[] {
    return ['ip', 'netns', 'exec', this.name, ...argv];
  }

  partition(): void {
    this.exec('ip', 'route', 'add', 'blackhole', `${this.natsIp}/32`);
  }

  heal(): void {
    this.exec('ip', 'route', 'del', 'blackhole', `${this.natsIp}/32`);
  }

  remove(): void {
    spawnSync('ip', ['netns', 'del', this.name]);
  }
}

/** Lets clients of the namespace's subnet sign in to PostgreSQL with a password. */
export function allowSubnet(pgHbaFile: string): void {
  const line = 'host all all 10.231.0.0/24 scram-sha-256';
  if (!readFileSync(pgHbaFile, 'utf8').includes(line)) appendFileSync(pgHbaFile, `\n${line}\n`);
}
