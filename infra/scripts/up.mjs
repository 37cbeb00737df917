// `npm run up`: from a fresh clone to a running Muster on this machine. Installs dependencies
// when needed, provisions NATS and PostgreSQL into ./data (or uses NATS_URL / DATABASE_URL),
// builds the frontend when its sources changed, seeds the demo district, starts the backend and
// waits for /readyz. Ctrl-C stops the backend first, then NATS and PostgreSQL.
//
// It runs as two processes. The one npm starts forwards signals to a copy of itself in a process
// group of its own, which owns every server. Ctrl-C in a terminal signals the whole foreground
// group at once; without the split, PostgreSQL would shut down under a backend still draining.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '../..');
/** Where NATS and PostgreSQL keep their data between runs; `MUSTER_DATA_DIR` moves it. */
const DATA_DIR = path.resolve(process.env.MUSTER_DATA_DIR || path.join(ROOT, 'data'));
const SUPERVISED = 'MUSTER_UP_SUPERVISED';

if (process.env[SUPERVISED] === '1') await orchestrate();
else supervise();

/** The foreground half: starts the orchestrator in its own process group and relays signals. */
function supervise() {
  const child = spawn(process.execPath, [SELF, ...process.argv.slice(2)], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [SUPERVISED]: '1' },
  });
  const relay = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => relay(signal));
  // `kill <npm pid>` stops npm and its shell without passing the signal on: when our parent is
  // gone, stop as if we had been told to.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(watch);
      relay('SIGTERM');
    }
  }, 500);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function orchestrate() {
  const log = (line) => process.stdout.write(`[up] ${line}\n`);
  const dataDir = DATA_DIR;
  const port = process.env.PORT || '8080';
  /** @type {{ stop: () => Promise<void> }[]} */
  const services = [];
  /** @type {Promise<unknown> | undefined} the provisioning step in progress */
  let provisioning;
  /** @type {import('node:child_process').ChildProcess | undefined} an install, build or seed */
  let step;
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let backend;
  let stopping;
  let stopAskedAt = 0;
  let force = false;

  const running = (c) => c !== undefined && c.exitCode === null && c.signalCode === null;
  const exited = (c) =>
    running(c) ? new Promise((resolve) => c.once('exit', () => resolve())) : Promise.resolve();
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function shutdown(reason, code) {
    log(`stopping (${reason})`);
    if (running(step)) step.kill('SIGTERM');
    if (running(backend)) {
      log('stopping the backend');
      backend.kill('SIGTERM');
      // The backend drains within SHUTDOWN_TIMEOUT_MS (15 s by default); a second Ctrl-C or a
      // backend that hangs past that gets killed.
      for (let waited = 0; running(backend) && waited < 20_000 && !force; waited += 100) {
        await sleep(100);
      }
      if (running(backend)) backend.kill('SIGKILL');
      await exited(backend);
    }
    await exited(step);
    await provisioning?.catch(() => undefined);
    const results = await Promise.allSettled(services.reverse().map((s) => s.stop()));
    for (const r of results) if (r.status === 'rejected') log(`a server did not stop: ${r.reason}`);
    log('stopped');
    return code;
  }

  function requestStop(reason, code = 0) {
    if (stopping) {
      // One Ctrl-C reaches us twice (from the terminal via npm and from the supervisor).
      if (Date.now() - stopAskedAt > 1000 && !force) {
        force = true;
        log('stopping now: killing the backend');
      }
      return stopping;
    }
    stopAskedAt = Date.now();
    stopping = shutdown(reason, code).then((c) => process.exit(c));
    return stopping;
  }

  process.on('SIGINT', () => void requestStop('Ctrl-C'));
  process.on('SIGTERM', () => void requestStop('SIGTERM'));
  process.on('SIGHUP', () => void requestStop('SIGHUP'));
  // The supervisor died without relaying a signal: nobody is watching, stop everything.
  process.on('disconnect', () => void requestStop('the terminal went away'));

  /** Runs a command to completion with output passed through (or captured); rejects on failure. */
  function run(cmd, args, { env = process.env, capture = false } = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(cmd, args, {
        cwd: ROOT,
        env,
        stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
      });
      step = child;
      let out = '';
      child.stdout?.on('data', (d) => (out += d.toString()));
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (code === 0) resolve(out);
        else reject(new Error(`\`${cmd} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`})`));
      });
    });
  }

  async function provision(promise) {
    provisioning = promise.then((service) => {
      services.push(service);
      return service;
    });
    return provisioning;
  }

  try {
    log(`Muster: ${ROOT}`);
    if (dependenciesStale()) {
      log('installing dependencies (npm install)');
      await run(npmCommand(), ['install', '--no-audit', '--no-fund']);
    }
    if (stopping) return;
    const { patchPostgresDriver } = await import('./patch-postgres.mjs');
    patchPostgresDriver(ROOT, log);

    const { ensureNats, ensurePostgres, ensurePrinting, redact } = await import('./provision.mjs');
    const nats = await provision(ensureNats({ dataDir, log }));
    if (stopping) return;
    const pg = await provision(ensurePostgres({ dataDir, log, callerHandlesSignals: true }));
    if (stopping) return;
    ensurePrinting({ log });

    const frontendDist = path.join(ROOT, 'frontend', 'dist');
    const frontend = frontendState();
    if (frontend === 'absent') {
      log('no frontend sources (frontend/index.html); serving the API only');
    } else if (frontend === 'stale') {
      log('building the frontend (npm run build -w frontend)');
      await run(npmCommand(), ['run', 'build', '-w', 'frontend']);
    } else {
      log('frontend build is up to date');
    }
    if (stopping) return;

    const backendEnv = {
      ...localKeys(dataDir, log),
      ...process.env,
      DATABASE_URL: pg.url,
      NATS_URL: nats.url,
      PORT: port,
      ...(frontend === 'absent' ? {} : { FRONTEND_DIST: frontendDist }),
    };
    log('migrating and seeding the demo district');
    const seedOut = await run(
      process.execPath,
      ['--import', 'tsx', 'backend/src/cli/seed.ts', '--json'],
      { env: backendEnv, capture: true },
    );
    const seeded = parseSeedSummary(seedOut);
    if (stopping) return;

    log(`starting the backend on port ${port}`);
    backend = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts'], {
      cwd: ROOT,
      env: backendEnv,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    backend.once('exit', (code, signal) => {
      if (!stopping) {
        log(`the backend exited (${signal ?? `code ${code}`}); see its log above`);
        void requestStop('backend exited', 1);
      }
    });
    const readyUrl = `http://${probeHost()}:${port}/readyz`;
    await waitReady(readyUrl, () => running(backend) && !stopping);
    if (stopping) return;
    log(`${readyUrl} answered 200`);
    printBanner({ port, seeded, natsUrl: nats.url, databaseUrl: redact(pg.url) });
  } catch (err) {
    // Already stopping (a signal, or the backend died): that path reports and exits.
    if (stopping) return;
    process.stderr.write(`\n[up] failed: ${err instanceof Error ? err.message : String(err)}\n`);
    await requestStop('start-up failed', 1);
  }
}

function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** node_modules missing, or package-lock.json changed since the last install. */
function dependenciesStale() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return true;
  return statSync(path.join(ROOT, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs;
}

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** `absent` (no frontend yet), `stale` (dist missing or older than a source) or `fresh`. */
function frontendState() {
  const dir = path.join(ROOT, 'frontend');
  if (!existsSync(path.join(dir, 'index.html'))) return 'absent';
  const built = path.join(dir, 'dist', 'index.html');
  if (!existsSync(built)) return 'stale';
  // The frontend imports contracts, so a contract change rebuilds it too.
  const sources = [
    path.join(dir, 'src'),
    path.join(dir, 'public'),
    path.join(dir, 'index.html'),
    path.join(dir, 'package.json'),
    ...readdirSync(dir)
      .filter((f) => /^(vite|tsconfig).*\.(ts|js|mjs|json)$/.test(f))
      .map((f) => path.join(dir, f)),
    path.join(ROOT, 'contracts', 'src'),
  ];
  const newestSource = Math.max(...sources.map(newestMtime));
  return newestSource > statSync(built).mtimeMs ? 'stale' : 'fresh';
}

/**
 * The keys that seal personal information at rest, made once per data folder and kept beside the
 * data (mode 600), so a second run can read what the first one sealed. Settings in the
 * environment win; production sets its own from a secret store.
 */
function localKeys(dataDir, log) {
  const file = path.join(dataDir, 'keys.json');
  if (!existsSync(file)) {
    const k = () => randomBytes(32).toString('base64');
    const keys = { DATA_KEYS: `k1:${k()}`, DATA_KEY_ACTIVE: 'k1', HMAC_KEY: k() };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
    log(`made new data keys in ${file} (keep it with the data)`);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Where to probe the backend: its HOST when that is one address, else loopback. */
function probeHost() {
  const host = process.env.HOST;
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function parseSeedSummary(out) {
  const line = out.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`the seed printed no summary: ${out.slice(-500)}`);
  }
}

async function waitReady(url, stillTrying, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < until) {
    if (!stillTrying()) throw new Error(`the backend stopped before ${url} answered 200`);
    try {
      const res = await globalThis.fetch(url, { signal: globalThis.AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

function printBanner({ port, seeded, natsUrl, databaseUrl }) {
  const base = `http://localhost:${port}`;
  const accounts = Array.isArray(seeded.demoAccounts) ? seeded.demoAccounts : [];
  const d = seeded.district ?? {};
  const lines = [
    `Muster is running: ${base}`,
    '',
    `  app             ${base}/`,
    `  API docs        ${base}/api/docs`,
    `  metrics         ${base}/metrics`,
    `  readiness       ${base}/readyz`,
    '',
    `  demo district   ${d.name} ${d.nameEn} (${d.code}), ${seeded.areas} administrative areas`,
    ...(accounts.length === 0
      ? ['  demo sign-in    none yet: sign-in arrives with the accounts feature']
      : [
          '  demo sign-in    (role: user / password)',
          ...accounts.map((a) => `    ${a.role}: ${a.username} / ${a.password}`),
        ]),
    '',
    `  NATS            ${natsUrl}`,
    `  PostgreSQL      ${databaseUrl}`,
    `  data            ${DATA_DIR} (kept between runs)`,
    '',
    'Press Ctrl-C to stop.',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const rule = '='.repeat(Math.min(width, 100));
  process.stdout.write(
    `\n${rule}\n${lines.map((l) => (l ? ` ${l}` : '')).join('\n')}\n${rule}\n\n`,
  );
}
