import { readFileSync } from 'node:fs';
import {
  ZAfterActionReport,
  ZDrillRunDetail,
  ZSession,
  formatScenarioProblems,
  parseScenarioYaml,
  type TDrillMeasure,
} from '@muster/contracts';

/**
 * `npm run drill -- <scenario.yaml> [--speed 10]`: checks the file (problems by line and field),
 * starts a run on a running Muster (MUSTER_URL, default http://localhost:8080) as a duty officer
 * (MUSTER_USER / MUSTER_PASSWORD, default the demo duty officer), follows it to its end and prints
 * the after-action figures. Ctrl-C stops the run (its report is still written).
 */
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--speed');
const speedAt = args.indexOf('--speed');
const speed = speedAt >= 0 ? Number(args[speedAt + 1]) : 1;
if (!file || !(speed > 0)) {
  process.stderr.write('usage: npm run drill -- <scenario.yaml> [--speed 10]\n');
  process.exit(64);
}
const yaml = readFileSync(file, 'utf8');
const parsed = parseScenarioYaml(yaml);
if (!parsed.ok) {
  process.stderr.write(`${file}: refused\n${formatScenarioProblems(parsed.problems)}\n`);
  process.exit(65);
}
const base = (process.env.MUSTER_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    username: process.env.MUSTER_USER ?? 'demo-duty',
    password: process.env.MUSTER_PASSWORD ?? 'beibei-demo-2025',
    client: 'api',
  }),
});
if (!login.ok) {
  process.stderr.write(
    `sign-in to ${base} failed (${login.status}): set MUSTER_USER and MUSTER_PASSWORD\n`,
  );
  process.exit(77);
}
const token = ZSession.parse(await login.json()).token!;
const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const out: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  return out;
};
const run = ZDrillRunDetail.parse(await api('POST', '/api/drills/runs', { yaml, speed }));
process.stdout.write(
  `演练 started: ${run.name}\n  run ${run.id} at ×${speed}, ${run.injects.total} steps\n`,
);
let stopping = false;
process.on('SIGINT', () => {
  if (stopping) process.exit(130);
  stopping = true;
  process.stdout.write('\nstopping the run…\n');
  void api('POST', `/api/drills/runs/${run.id}/stop`).catch(() => undefined);
});
let seen = 0;
for (;;) {
  const r = ZDrillRunDetail.parse(await api('GET', `/api/drills/runs/${run.id}`));
  for (const l of r.log.slice(seen))
    process.stdout.write(
      `  +${String(Math.round(l.offsetS / 60)).padStart(3)}m ${l.outcome === 'done' ? '✓' : l.outcome === 'interrupted' ? '?' : '✗'} ${l.kind}: ${l.detail}\n`,
    );
  seen = r.log.length;
  if (r.status === 'completed' || r.status === 'stopped') break;
  await new Promise((res) => setTimeout(res, 500));
}
const report = await (async () => {
  for (let i = 0; i < 20; i++) {
    const rep = ZAfterActionReport.parse(await api('GET', `/api/drills/runs/${run.id}/report`));
    if (rep.planRevision || i === 19) return rep;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error('unreachable');
})();
const m = (x: TDrillMeasure) =>
  `${x.minutes ?? '—'} min${x.targetMin !== null ? ` (target ${x.targetMin})` : ''}${x.met === false ? ' MISSED' : ''}`;
process.stdout.write(
  [
    '',
    `after-action report: ${base}/api/drills/runs/${run.id}/report.html`,
    `  crossing → warning      ${m(report.warning)}`,
    `  warning → activation    ${m(report.activation)}`,
    ...report.teams.map(
      (t) => `  ${t.name}: ${t.answer}; acceptance ${m(t.acceptance)}; on scene ${m(t.onScene)}`,
    ),
    `  reports on time         ${report.reports.onTime}/${report.reports.due}`,
    ...report.findings.map((f) => `  finding: ${f.zh} / ${f.en}`),
    '',
  ].join('\n'),
);
