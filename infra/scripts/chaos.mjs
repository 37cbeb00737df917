// `npm run chaos`: the fault run (R1, docs/proof.md). It starts its own nats-server(s) and its own
// PostgreSQL under ./data/chaos on free ports (never the servers of `npm run up` or `npm test`,
// since it kills them), backend processes per role, a scripted load of real commands and the
// faults; then checks that nothing acknowledged was lost and nothing was applied twice.
// Ends with the line `R1 commands=… faults=… lost=0 duplicated=0 … PASS` and
// tests/bench/results/R1.json.
//
// CHAOS_NATS_NODES=3 runs it on a 3-node NATS cluster with streams of 3 replicas (R1-cluster).
// CHAOS_COMMANDS (10000), CHAOS_FAULTS (21), CHAOS_CONCURRENCY (8), CHAOS_MAP_CLIENTS (20),
// CHAOS_ONLY=kill_nats,crash_postgres (some fault kinds only) shorten or focus a run.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'tests/chaos/run.ts'), ...process.argv.slice(2)],
  { cwd: root, env: { ...process.env }, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
