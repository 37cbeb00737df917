import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import {
  REALTIME_CONNECT_ERRORS,
  REALTIME_LIMITS,
  ROLES,
  ZAck,
  ZClientError,
  clientEventSchemas,
  type Role,
  type TClientError,
} from '@muster/contracts';
import { validOrMutated } from './mutate.ts';
import { NASTY_STRINGS, hugeString } from './nasty.ts';
import { validOf } from './zod-json.ts';

/** One client event as a misbehaving client may send it. */
export interface Emission {
  event: string;
  payload: { json: unknown } | { binary: number } | { oversized: number } | { raw: string };
  /** A callback, none, or a trailing argument that is not a function. */
  ack: 'function' | 'none' | 'not_function';
}

/** What the server must answer to an emission: accepted, or refused naming one of these fields. */
export type Expected = { ok: true } | { ok: false; code: TClientError['code']; fields?: string[] };

const schemas = clientEventSchemas as Record<string, z.ZodType>;
export const CLIENT_EVENTS = Object.keys(schemas).sort();
/** The schema of an event name, own keys only (`__proto__` is a name a client may send). */
const schemaOf = (event: string): z.ZodType | undefined =>
  Object.hasOwn(schemas, event) ? schemas[event] : undefined;

/** The paths a refusal may name (the server names the first issue; any issue's path is right). */
function issuePaths(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const path = i.code === 'unrecognized_keys' ? [...i.path, i.keys[0] ?? ''] : i.path;
    return path.length > 0 ? path.join('.') : '(payload)';
  });
}

export function expectedOf(e: Emission): Expected | 'disconnect' | 'survive' {
  if ('oversized' in e.payload) return 'disconnect';
  if ('raw' in e.payload) return 'survive';
  // A frame over the limit ends the connection whatever it holds (engine.io's maxHttpBufferSize);
  // the frame is `42[<event>,<payload>,<ack id>]`, a few bytes more than its JSON.
  if ('json' in e.payload) {
    const frame = Buffer.byteLength(JSON.stringify([e.event, e.payload.json]) ?? '') + 12;
    if (frame > REALTIME_LIMITS.maxClientFrameBytes) return 'disconnect';
  }
  const schema = schemaOf(e.event);
  if (!schema) return { ok: false, code: 'event.unknown' };
  // What arrives is what survives the wire: JSON for values, a Buffer for binary.
  const arrived =
    'binary' in e.payload
      ? Buffer.alloc(e.payload.binary)
      : (JSON.parse(JSON.stringify([e.payload.json])) as unknown[])[0];
  const parsed = schema.safeParse(arrived);
  return parsed.success
    ? { ok: true }
    : { ok: false, code: 'payload.invalid', fields: issuePaths(parsed.error) };
}

const payloads = new Map<string, fc.Arbitrary<Emission['payload']>>();

function payloadArb(event: string): fc.Arbitrary<Emission['payload']> {
  const known = payloads.get(event);
  if (known) return known;
  const schema = schemaOf(event);
  const json = validOrMutated(schema ? validOf(schema) : fc.jsonValue({ maxDepth: 2 }));
  const arb = fc.oneof(
    { weight: 10, arbitrary: json.map((v) => ({ json: v.value })) },
    { weight: 1, arbitrary: fc.constantFrom(0, 16, 4096).map((n) => ({ binary: n })) },
    { weight: 1, arbitrary: fc.constant({ oversized: REALTIME_LIMITS.maxClientFrameBytes + 1 }) },
  );
  payloads.set(event, arb);
  return arb;
}

const eventName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...CLIENT_EVENTS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'admin:everything',
      '',
      'error',
      '__proto__',
      'server:hello',
      'x'.repeat(300),
      ...NASTY_STRINGS.slice(0, 12),
    ),
  },
);

/**
 * Socket.IO packets no well-behaved client sends (a client library refuses to): reserved event
 * names, broken JSON, acks for nothing, binary placeholders without their attachment.
 */
export const RAW_PACKETS: readonly string[] = [
  '42["connect",{}]',
  '42["disconnect"]',
  '42["connect_error",{}]',
  // Names the client library refuses to emit at all; sent raw, with and without an ack id.
  '42["newListener",{}]',
  '427["removeListener",[]]',
  '42["disconnecting"]',
  '42[',
  '42{}',
  '42[1,2]',
  '42[null]',
  '42[]',
  '4',
  '49',
  '43["x"]',
  '4399["x"]',
  '451-["map:subscribe",{"_placeholder":true,"num":7}]',
  '42/nowhere,["map:subscribe",{}]',
  '40/admin,',
  '41',
  '6',
];

export const emissionArb: fc.Arbitrary<Emission> = fc.oneof(
  {
    weight: 12,
    arbitrary: eventName.chain((event) =>
      fc.record({
        event: fc.constant(event),
        payload: payloadArb(event),
        ack: fc.constantFrom('function' as const, 'none' as const, 'not_function' as const),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...RAW_PACKETS)
      .map((raw) => ({ event: '(raw)', payload: { raw }, ack: 'none' as const })),
  },
);

/** A batch for one fresh socket: a role and fewer emissions than the burst (no rate limit due). */
export const socketBatchArb = fc.record({
  role: fc.constantFrom<Role>(...ROLES),
  emissions: fc.array(emissionArb, {
    minLength: 1,
    maxLength: REALTIME_LIMITS.clientEventBurst - 4,
  }),
});

export type GatewayClient = Socket;

export function openSocket(base: string, auth: Record<string, unknown>): Promise<Socket> {
  const s = io(base, { transports: ['websocket'], reconnection: false, autoConnect: false, auth });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (err) => {
      s.close();
      reject(err);
    });
    s.connect();
  });
}

/** Emits one event as described; resolves with the ack (or undefined when none was asked for). */
export function emit(socket: Socket, e: Emission, timeoutMs = 5_000): Promise<unknown> {
  if ('raw' in e.payload) {
    // Straight onto the engine.io connection, past the client library's own checks.
    (socket.io.engine as unknown as { write(data: string): void }).write(e.payload.raw);
    return Promise.resolve(undefined);
  }
  const payload =
    'json' in e.payload
      ? e.payload.json
      : 'binary' in e.payload
        ? Buffer.alloc(e.payload.binary, 7)
        : hugeString(e.payload.oversized);
  if (e.ack === 'none') {
    socket.emit(e.event, payload);
    return Promise.resolve(undefined);
  }
  if (e.ack === 'not_function') {
    socket.emit(e.event, payload, 42);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no acknowledgement of ${e.event} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.emit(e.event, payload, (ack: unknown) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

/** Checks an answer (an ack, or the `client:error` that came instead) against the expectation. */
export function checkAnswer(e: Emission, expected: Expected, answer: unknown): string | undefined {
  if (expected.ok) {
    if (answer === undefined) return undefined;
    const ack = ZAck.safeParse(answer);
    return ack.success && ack.data.ok
      ? undefined
      : `valid ${e.event} was refused: ${JSON.stringify(answer)}`;
  }
  const err = ZAck.safeParse(answer).data;
  const error = err && !err.ok ? err.error : ZClientError.safeParse(answer).data;
  if (!error)
    return `refusal of ${e.event} not in the contract: ${JSON.stringify(answer)?.slice(0, 300)}`;
  if (error.code !== expected.code)
    return `${e.event}: expected ${expected.code}, got ${error.code} (${error.message})`;
  if (expected.fields && !expected.fields.includes(error.field ?? ''))
    return `${e.event}: refusal names ${error.field ?? 'no field'}, expected one of ${expected.fields.join(', ')}`;
  return undefined;
}

/** Handshakes that must be refused with a code the contract knows, never with a crash. */
export const BAD_HANDSHAKES: readonly Record<string, unknown>[] = [
  {},
  { token: '' },
  { token: 'x'.repeat(43) },
  { token: 'A'.repeat(10_000) },
  { token: 42 },
  { token: { $ne: null } },
  { token: ['a', 'b'] },
  { token: '\u0000'.repeat(43) },
  { token: '\ud800'.repeat(43) },
];

export const CONNECT_ERROR_CODES = Object.keys(REALTIME_CONNECT_ERRORS);
