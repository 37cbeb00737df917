import { pino, type Logger } from 'pino';
import { eventSchemas, personalFieldNames } from '@muster/contracts';

export type { Logger };

/** Keys that never reach a log line, whatever object they ride in. */
const ALWAYS_REDACTED = [
  'password',
  'passwordHash',
  'token',
  'cookie',
  'authorization',
  'secret',
  'key',
];

function redactDeep(value: unknown, keys: ReadonlySet<string>, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, keys, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = keys.has(k) ? '[redacted]' : redactDeep(v, keys, depth + 1);
  }
  return out;
}

/**
 * JSON logs. Every key classified as personal information in contracts (and credentials) is
 * replaced with `[redacted]` at any depth, so a careless `log.info({ member })` leaks nothing.
 */
export function createLogger(opts: {
  level: string;
  instanceId: string;
  extraPersonalKeys?: Iterable<string>;
  destination?: pino.DestinationStream;
}): Logger {
  const keys = new Set<string>([
    ...ALWAYS_REDACTED,
    ...personalFieldNames(Object.values(eventSchemas).map((d) => d.schema)),
    ...(opts.extraPersonalKeys ?? []),
  ]);
  return pino(
    {
      level: opts.level,
      base: { instance: opts.instanceId },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (obj) => redactDeep(obj, keys) as Record<string, unknown>,
      },
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      },
    },
    opts.destination,
  );
}
