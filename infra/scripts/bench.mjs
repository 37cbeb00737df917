// `npm run bench [-- P5 …]`: runs every benchmark `tests/bench/p*.ts`, or those named (the id is
// the file name's prefix, case-insensitive: `P5` runs p5-outbox.ts), each as its own process
// against real PostgreSQL and NATS. With DATABASE_URL and NATS_URL set it uses those; otherwise
// it provisions them under ./data/bench the same way `npm run up` does.
//
// Exits non-zero when a benchmark process fails; a figure that misses its goal is reported on the
// benchmark's closing line (FAIL), not turned into an exit code, because on a shared noisy machine
// a slow run is information, not breakage.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const benchDir = path.join(root, 'tests', 'bench');
const log = (line) => process.stdout.write(`[bench] ${line}\n`);

/** `p5-outbox.ts` → `p5`. */
const idOf = (file) => file.replace(/\.ts$/, '').split('-')[0].toLowerCase();

const all = readdirSync(benchDir)
  .filter((f) => /^p\d+(-.+)?\.ts$/i.test(f))
  .sort((a, b) => Number(idOf(a).slice(1)) - Number(idOf(b).slice(1)) || a.localeCompare(b));
const wanted = process.argv.slice(2).map((a) => a.toLowerCase());
const unknown = wanted.filter((w) => !all.some((f) => idOf(f) === w));
if (unknown.length > 0) {
  log(`no benchmark named ${unknown.join(', ')}; there are: ${all.map(idOf).join(', ') || 'none'}`);
  process.exit(2);
}
const files = wanted.length > 0 ? all.filter((f) => wanted.includes(idOf(f))) : all;
if (files.length === 0) {
  log('no benchmarks under tests/bench (p*.ts)');
  process.exit(0);
}

const stops = [];
const env = { ...process.env };
async function stopAll() {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}
let current;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // Pass it on (a terminal's Ctrl-C reaches the child too; it cleans up once either way) and
    // start no further benchmark; what we provisioned is stopped after the child has exited.
    interrupted = true;
    current?.kill(signal);
  });
}

if (!env.DATABASE_URL || !env.NATS_URL) {
  const { ensureNats, ensurePostgres } = await import('./provision.mjs');
  const dataDir = path.join(root, 'data', 'bench');
  if (!env.NATS_URL) {
    const nats = await ensureNats({ dataDir, log });
    env.NATS_URL = nats.url;
    stops.push(nats.stop);
  }
  if (!env.DATABASE_URL) {
    // Our own signal handler stops the benchmark first and the database after it.
    const pg = await ensurePostgres({ dataDir, log, callerHandlesSignals: true });
    env.DATABASE_URL = pg.url;
    stops.push(pg.stop);
  }
}

/** Runs one benchmark; resolves with its exit code and the closing line it printed, if any. */
function runOne(file) {
  const id = idOf(file).toUpperCase();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, file)], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    current = child;
    let closing;
    let partial = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) if (l.startsWith(`${id} `) && / (PASS|FAIL)$/.test(l)) closing = l;
    });
    child.on('exit', (code, signal) => {
      current = undefined;
      resolve({ file, code: code ?? (signal ? 1 : 0), closing });
    });
  });
}

const results = [];
for (const file of files) {
  if (interrupted) break;
  log(`running ${file}`);
  results.push(await runOne(file));
}
await stopAll();
if (interrupted) {
  log('interrupted');
  process.exit(130);
}

const failed = results.filter((r) => r.code !== 0 || !r.closing);
log('summary:');
for (const r of results) {
  if (r.closing) log(`  ${r.closing}${r.code !== 0 ? ` (exit ${r.code})` : ''}`);
  else log(`  ${r.file}: no closing line (exit ${r.code})`);
}
log(`${results.length} ran, ${failed.length} failed to run`);
process.exit(failed.length > 0 ? 1 : 0);
