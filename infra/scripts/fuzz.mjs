// `npm run fuzz`: the full fuzz run (R2, docs/fuzzing.md) — at least 100,000 fuzzed inputs over
// every REST operation, client Socket.IO event, outside-fed NATS subject and file importer —
// against real PostgreSQL and NATS. With DATABASE_URL and NATS_URL set it uses those; otherwise it
// provisions them under ./data/fuzz the same way `npm test` does. Ends with the figure line
// `R2 inputs=… responses_5xx=0 crashes=0 writes_from_rejected=0` and tests/bench/results/R2.json.
//
// MUSTER_FUZZ_SEED=<n> repeats a run; MUSTER_FUZZ_ONLY=<target> (e.g. `http:fileTeam`) runs one
// target; MUSTER_FUZZ_PATH=<path> replays a shrunk counterexample (printed with every failure).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
const { ensureServices } = await import('./provision.mjs');
const stops = await ensureServices(env, { dataDir: path.join(root, 'data', 'fuzz'), log });

log(`seed ${env.MUSTER_FUZZ_SEED}${env.MUSTER_FUZZ_ONLY ? `, only ${env.MUSTER_FUZZ_ONLY}` : ''}`);
const started = Date.now();
const child = spawn(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/src/fuzz.test.ts'],
  { cwd: root, env, stdio: 'inherit' },
);
const code = await new Promise((resolve) =>
  child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))),
);
for (const stop of stops.reverse()) await stop().catch(() => undefined);
try {
  const r = JSON.parse(readFileSync(path.join(root, 'tests/bench/results/R2.json'), 'utf8'));
  if (Date.parse(r.at) >= started) {
    const f = r.figures;
    log(
      `wrote tests/bench/results/R2.json (${f.seconds} s, by channel ${JSON.stringify(f.by_channel)})`,
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
