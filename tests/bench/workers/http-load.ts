// The P7 load: a separate process running autocannon, so the load generator does not share the
// server's event loop. Driven by the benchmark over IPC (see p7-incidents.ts).
import autocannon from 'autocannon';

/** What the benchmark (the parent, over IPC) asks of this process. */
export interface LoadCommand {
  url: string;
  token: string;
  connections: number;
  seconds: number;
  /** Requests are cycled: the incident list, then one random incident's timeline. */
  listPath: string;
  timelinePaths: string[];
}
export interface LoadReply {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

process.on('message', (c: LoadCommand) => {
  let i = 0;
  const pick = () => c.timelinePaths[i++ % c.timelinePaths.length]!;
  autocannon(
    {
      url: c.url,
      connections: c.connections,
      duration: c.seconds,
      headers: { authorization: `Bearer ${c.token}` },
      requests: [
        { method: 'GET', path: c.listPath },
        { method: 'GET', setupRequest: (req) => ({ ...req, path: pick() }) },
      ],
    },
    (err, r) => {
      if (err) {
        process.stderr.write(`autocannon failed: ${String(err)}\n`);
        process.exit(1);
      }
      const reply: LoadReply = {
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
      };
      // The process ends itself once the answer is out: no signal crosses the process tree.
      process.send?.(reply, () => process.exit(0));
    },
  );
});
