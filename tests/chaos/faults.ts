import type { BackendNode } from './backend-node.ts';
import type { NetworkNamespace } from './netns.ts';
import type { NatsNode, OwnPostgres } from './servers.ts';

/** The kinds of fault a run injects, in the order it cycles through them. */
export const FAULT_KINDS = [
  'kill_api',
  'kill_consumers',
  'kill_realtime',
  'kill_nats',
  'crash_postgres',
  'pause_consumers',
  'partition_nats',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Cast {
  api: BackendNode[];
  consumers: BackendNode[];
  realtime: BackendNode[];
  nats: NatsNode[];
  postgres: OwnPostgres;
  /** The consumers process that runs in its own network namespace, if one could be made. */
  partitionable?: { node: BackendNode; ns: NetworkNamespace };
}

export interface Fault {
  kind: FaultKind;
  /** What was hit, e.g. `consumers2 (pid 4242)`. */
  target: string;
  /** Heals it: restarts or resumes what was hit and waits until it serves again. */
  heal(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[], i: number): T => xs[i % xs.length]!;

async function killAndRestart(node: BackendNode): Promise<Fault['heal']> {
  await node.kill();
  return () => node.start();
}

/**
 * Injects the `i`-th fault of the cycle. A kill is SIGKILL (no shutdown code runs); PostgreSQL
 * is shut down immediately (SIGQUIT: no checkpoint); a pause is SIGSTOP longer than the
 * acknowledgement wait, so what the paused consumer held is redelivered to the other one before
 * it wakes up and tries to finish it.
 */
export async function inject(kind: FaultKind, i: number, cast: Cast): Promise<Fault> {
  switch (kind) {
    case 'kill_api':
    case 'kill_consumers':
    case 'kill_realtime': {
      const group =
        kind === 'kill_api' ? cast.api : kind === 'kill_consumers' ? cast.consumers : cast.realtime;
      const node = pick(group, i);
      const target = `${node.name} (pid ${node.pid})`;
      const heal = await killAndRestart(node);
      return { kind, target, heal };
    }
    case 'kill_nats': {
      const node = pick(cast.nats, i);
      await node.kill();
      return { kind, target: `nats ${node.name}`, heal: () => node.start() };
    }
    case 'crash_postgres':
      await cast.postgres.crash();
      return { kind, target: 'postgres', heal: () => cast.postgres.restart() };
    case 'pause_consumers': {
      const node = pick(cast.consumers, i);
      await node.signal('SIGSTOP');
      return {
        kind,
        target: `${node.name} (pid ${node.pid})`,
        heal: () => node.signal('SIGCONT').then(() => node.waitReady()),
      };
    }
    case 'partition_nats': {
      const p = cast.partitionable;
      if (!p) {
        // No namespace here: the same process is cut off by stopping it instead, and said so.
        const node = pick(cast.consumers, i);
        await node.signal('SIGSTOP');
        return {
          kind,
          target: `${node.name} (no network namespace: paused instead)`,
          heal: () => node.signal('SIGCONT'),
        };
      }
      p.ns.partition();
      return {
        kind,
        target: `${p.node.name} ↮ NATS (blackhole route in ${p.ns.name})`,
        async heal() {
          p.ns.heal();
          await sleep(0);
        },
      };
    }
  }
}
