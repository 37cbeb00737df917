// P3's deployed members: a separate process where each member reports a position every few
// seconds over HTTP (keep-alive), through the backend's real position endpoint.
import { Agent, request } from 'node:http';

export type ReportersCommand =
  | {
      type: 'start';
      url: string;
      tokens: string[];
      everyMs: number;
      base: { lon: number; lat: number };
    }
  | { type: 'collect' }
  | {
      /** Closed loop: each token once, `concurrency` at a time, to price one request. */
      type: 'burst';
      url: string;
      method: 'GET' | 'POST';
      path: string;
      tokens: string[];
      concurrency: number;
    }
  | { type: 'stop' }
  | { type: 'exit' };
export type ReportersReply =
  | { type: 'burst'; n: number; ms: number; byStatus: Record<string, number> }
  | {
      type: 'stats';
      sent: number;
      byStatus: Record<string, number>;
      errors: number;
      seconds: number;
      /** HTTP round trips, ms: p50 and p99. */
      p50Ms: number;
      p99Ms: number;
      /** Requests sent and not answered yet. */
      inFlight: number;
    };

const agent = new Agent({ keepAlive: true, maxSockets: 128 });
let timers: NodeJS.Timeout[] = [];
let sent = 0;
let errors = 0;
let byStatus: Record<string, number> = {};
let rtts: number[] = [];
let since = performance.now();
let inFlight = 0;

/** One request, resolved with its status when the answer has been read. */
function once(url: URL, method: 'GET' | 'POST', token: string, body?: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function burst(c: Extract<ReportersCommand, { type: 'burst' }>): Promise<void> {
  const url = new URL(c.path, c.url);
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: c.concurrency }, async () => {
      while (next < c.tokens.length) {
        const token = c.tokens[next++]!;
        const body =
          c.method === 'POST'
            ? JSON.stringify({ lon: 106.43, lat: 29.82, reportedAt: new Date().toISOString() })
            : undefined;
        const status = String(await once(url, c.method, token, body));
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  process.send?.({
    type: 'burst',
    n: c.tokens.length,
    ms: performance.now() - started,
    byStatus: statuses,
  } satisfies ReportersReply);
}

function post(url: URL, token: string, body: string): void {
  const started = performance.now();
  sent++;
  inFlight++;
  const req = request(
    url,
    {
      method: 'POST',
      agent,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    },
    (res) => {
      res.resume();
      res.on('end', () => {
        inFlight--;
        const k = String(res.statusCode);
        byStatus[k] = (byStatus[k] ?? 0) + 1;
        rtts.push(performance.now() - started);
      });
    },
  );
  req.on('error', () => {
    inFlight--;
    errors++;
  });
  req.end(body);
}

function start(c: Extract<ReportersCommand, { type: 'start' }>): void {
  const url = new URL('/api/forces/positions', c.url);
  c.tokens.forEach((token, i) => {
    // Spread evenly over the interval, each member on its own phase.
    const phase = (i / c.tokens.length) * c.everyMs;
    const jitter = () => (Math.random() - 0.5) * 0.0005;
    const fire = () =>
      post(
        url,
        token,
        JSON.stringify({
          lon: c.base.lon + jitter(),
          lat: c.base.lat + jitter(),
          accuracyM: 10,
          reportedAt: new Date().toISOString(),
        }),
      );
    timers.push(
      setTimeout(() => {
        fire();
        timers.push(setInterval(fire, c.everyMs));
      }, phase),
    );
  });
}

const pct = (v: number[], p: number) => {
  if (v.length === 0) return Number.NaN;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

process.on('message', (raw: unknown) => {
  // From our own parent over IPC: trusted to be a command.
  const cmd = raw as ReportersCommand;
  switch (cmd.type) {
    case 'start':
      start(cmd);
      break;
    case 'collect':
      process.send?.({
        type: 'stats',
        sent,
        byStatus,
        errors,
        seconds: (performance.now() - since) / 1000,
        p50Ms: pct(rtts, 50),
        p99Ms: pct(rtts, 99),
        inFlight,
      } satisfies ReportersReply);
      sent = 0;
      errors = 0;
      byStatus = {};
      rtts = [];
      since = performance.now();
      break;
    case 'burst':
      void burst(cmd);
      break;
    case 'stop':
      for (const t of timers) clearTimeout(t);
      timers = [];
      break;
    case 'exit':
      process.exit(0);
  }
});
