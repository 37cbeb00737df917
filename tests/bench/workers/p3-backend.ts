// P3's backend: one Muster process (api, consumers, realtime) of its own, so its CPU is its own.
import type { Config } from '../../../backend/src/platform/config.ts';
import { startMuster, type Muster } from '../../../backend/src/app.ts';
import { Session } from 'node:inspector/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpuNow } from './ipc.ts';

export type BackendCommand =
  | { type: 'start'; config: Config }
  | { type: 'cpu' }
  | { type: 'profile'; ms: number; file: string }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'stop' };
export type BackendReply =
  | { type: 'ready'; port: number }
  | { type: 'cpu'; cpuMs: number; systemMs: number; wallMs: number }
  | { type: 'failed'; message: string }
  | { type: 'profiled' };

let m: Muster | undefined;

let session: Session | undefined;

async function profileStart(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}

async function profileStop(file: string): Promise<void> {
  if (!session) return;
  const { profile: result } = await session.post('Profiler.stop');
  await mkdir(new URL('.', `file://${file}`), { recursive: true });
  await writeFile(file, JSON.stringify(result));
  session.disconnect();
  session = undefined;
}

/** A CPU profile of this process over `ms` (BENCH_P3_PROFILE): where the backend's time goes. */
async function profile(ms: number, file: string): Promise<void> {
  await profileStart();
  await new Promise((r) => setTimeout(r, ms));
  await profileStop(file);
}
const send = (r: BackendReply) => process.send?.(r);

process.on('message', (raw: unknown) => {
  // From our own parent over IPC: trusted to be a command.
  const cmd = raw as BackendCommand;
  switch (cmd.type) {
    case 'start':
      startMuster(cmd.config).then(
        (started) => {
          m = started;
          send({ type: 'ready', port: started.port });
        },
        (err: unknown) => send({ type: 'failed', message: String(err) }),
      );
      break;
    case 'cpu':
      send({ type: 'cpu', ...cpuNow() });
      break;
    case 'profile':
      void profile(cmd.ms, cmd.file).catch((err: unknown) =>
        console.error('P3 profile failed', err),
      );
      break;
    case 'profile-start':
      void profileStart().then(() => send({ type: 'profiled' }));
      break;
    case 'profile-stop':
      void profileStop(cmd.file).then(() => send({ type: 'profiled' }));
      break;
    case 'stop':
      void (m?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
      break;
  }
});
