// A benchmark's child process driven over IPC: send it commands, await its replies by type.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Worker<C, R extends { type: string }> {
  child: ChildProcess;
  command(c: C): void;
  next<T extends R>(type: T['type']): Promise<T>;
  /** Asks the child to exit and waits for it (kills it after `ms`). */
  close(c: C, ms?: number): Promise<void>;
}

/** Forks `./<file>` beside this one with tsx; its stdout and stderr are the benchmark's. */
export function startWorker<C, R extends { type: string }>(
  file: string,
  execArgv: string[] = [],
): Worker<C, R> {
  const child = fork(fileURLToPath(new URL(`./${file}`, import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    command: (c) => child.send(c as object),
    next: <T extends R>(type: T['type']) =>
      new Promise<T>((resolve, reject) => {
        const onMessage = (m: R) => {
          if (m.type !== type) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(m as T);
        };
        const onExit = (code: number | null) => reject(new Error(`${file} exited (${code})`));
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
    async close(c, ms = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send(c as object);
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Wall-clock milliseconds with sub-millisecond resolution, the same in every process. */
export const wallMs = (): number => performance.timeOrigin + performance.now();

/** CPU time of this process so far (all, and in the kernel), ms, with the wall time it was read at. */
export function cpuNow(): { cpuMs: number; systemMs: number; wallMs: number } {
  const u = process.cpuUsage();
  return { cpuMs: (u.user + u.system) / 1000, systemMs: u.system / 1000, wallMs: wallMs() };
}
