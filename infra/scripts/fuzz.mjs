// `npm run fuzz`: the full fuzz run (R2, docs/fuzzing.md) — at least 100,000 fuzzed inputs over
// every REST operation, client Socket.IO event, outside-fed NATS subject and file importer —
// against real PostgreSQL and NATS. With DATABASE_URL and NATS_URL set it uses those; otherwise it
// provisions them under ./data/fuzz the same way `npm test` does. Ends with the figure line
// `R2 inputs=… responses_5xx=0 crashes=0 writes_from_rejected=0` and tests/bench/results/R2.json
// (R2-<targets>.json for a run of MUSTER_FUZZ_ONLY targets).
//
// MUSTER_FUZZ_SEED=<n> repeats a run; MUSTER_FUZZ_ONLY=<target> (e.g. `http:fileTeam`) runs one
// target; MUSTER_FUZZ_PATH=<path> replays a shrunk counterexample (printed with every failure).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (line) => process.stdout.write(`[fuzz] ${line}\n`);

const env = {
  ...process.env,
  MUSTER_FUZZ: 'full',
  MUSTER_FUZZ_VERBOSE: '1',
  MUSTER_FUZZ_SEED: process.env.MUSTER_FUZZ_SEED ?? String(Date.now() % 2_147_483_647),
};
// As tests/src/fuzz/tally.ts names it: a run of some targets only has a file of its own.
const only = process.env.MUSTER_FUZZ_ONLY;
const resultName = only ? `R2-${only.replace(/[^A-Za-z0-9.-]+/g, '_')}.json` : 'R2.json';
const dataDir = path.join(root, 'data', 'fuzz');
mkdirSync(dataDir, { recursive: true });
// The test runner, its workers and the backend under test (a worker's child) run as one process
// group, named in this file: a signal to this script stops the whole group, and a group left
// running by a run killed outright (kill -9) is stopped at the next start.
const groupFile = path.join(dataDir, 'run.pgid');
await stopGroup(readGroup(), 'left running by an earlier run');
const { ensureServices } = await import('./provision.mjs');
const stops = await ensureServices(env, { dataDir, log, callerHandlesSignals: true });

log(`seed ${env.MUSTER_FUZZ_SEED}${env.MUSTER_FUZZ_ONLY ? `, only ${env.MUSTER_FUZZ_ONLY}` : ''}`);
const started = Date.now();
const child = spawn(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/src/fuzz.test.ts'],
  { cwd: root, env, stdio: 'inherit', detached: true },
);
if (child.pid) writeFileSync(groupFile, `${child.pid}\n`);
const exited = new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
let stopping;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    stopping ??= stopGroup(child.pid, `on ${signal}`);
  });
const code = await exited;
// The backend outlives the runner when a test is cut short: stop what is left of the group.
await (stopping ?? stopGroup(child.pid, 'after the run'));
rmSync(groupFile, { force: true });
for (const stop of stops.reverse()) await stop().catch(() => undefined);
try {
  const r = JSON.parse(readFileSync(path.join(root, 'tests/bench/results', resultName), 'utf8'));
  if (Date.parse(r.at) >= started) {
    const f = r.figures;
    log(
      `wrote tests/bench/results/${resultName} (${f.seconds} s, by channel ${JSON.stringify(f.by_channel)})`,
    );
    for (const failure of r.failures) process.stdout.write(`${failure}\n\n`);
    process.stdout.write(
      `R2 inputs=${f.inputs} responses_5xx=${f.responses_5xx} crashes=${f.crashes} writes_from_rejected=${f.writes_from_rejected} contract_breaks=${f.contract_breaks} goal: ${r.goal} ${r.pass ? 'PASS' : 'FAIL'}\n`,
    );
  }
} catch {
  log('no R2 result was written (the run stopped before its end)');
}
process.exit(code);

/** The process group a run wrote to its file, if any. */
function readGroup() {
  try {
    const pgid = Number.parseInt(readFileSync(groupFile, 'utf8'), 10);
    return Number.isInteger(pgid) && pgid > 1 ? pgid : undefined;
  } catch {
    return undefined;
  }
}

/** Processes of group `pgid` working in this project (a reused group id is someone else's). */
function membersOf(pgid) {
  const members = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp === pgid && readlinkSync(`/proc/${entry}/cwd`).startsWith(root)) {
        members.push(Number(entry));
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return members;
}

/** SIGTERM to the group, SIGKILL to whatever of it is left after 10 s. */
async function stopGroup(pgid, why) {
  if (!pgid || membersOf(pgid).length === 0) return;
  log(`stopping the test runner and the backend under test (${why})`);
  const signal = (sig) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      // the group is gone
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 100 && membersOf(pgid).length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (membersOf(pgid).length > 0) signal('SIGKILL');
}
