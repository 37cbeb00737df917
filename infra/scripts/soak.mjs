// `npm run soak`: the soak run (docs/proof.md). It starts its own nats-server and PostgreSQL under
// ./data/soak on free ports, one backend process, autocannon HTTP load and hundreds of live map
// clients for SOAK_MINUTES (10); it samples memory, event-loop lag and pipeline lag and draws
// them in tests/bench/results/soak.html; then it measures the scale figure (events applied per
// second by two consumers processes ÷ one). SOAK_SOCKETS (300), SOAK_RATE (150 requests/s),
// SOAK_SCALE_EVENTS (20000) tune it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'tests/chaos/soak.ts'), ...process.argv.slice(2)],
  { cwd: root, env: { ...process.env }, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
