/**
 * Socket.IO event maps, defined once and used by the server (`new Server<ClientToServerEvents,
 * ServerToClientEvents>()`) and the browser (`io<...>()`). Every payload has its zod schema here;
 * the server parses what clients send with these and answers a bad payload with the field named.
 */
import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { ZLatitude, ZLongitude } from './events/forces.ts';

/** Limits on the live connection, with why. */
export const REALTIME_LIMITS = {
  /**
   * Largest frame a client may send. Client events are a few hundred bytes (a sequence number,
   * an incident id); 16 KiB leaves room for later events and refuses anything that would make
   * the server parse megabytes.
   */
  maxClientFrameBytes: 16 * 1024,
  /** Token bucket per socket: a burst of 20 events, refilled at 5/s (a map UI sends a few). */
  clientEventBurst: 20,
  clientEventsPerSecond: 5,
  /**
   * Refusals a socket may collect (decaying at one per second) before it is disconnected: a
   * client stuck in a loop is cut off instead of burning the server's time on refusals.
   */
  refusalsBeforeDisconnect: 40,
} as const;

/**
 * Why a handshake was refused: `connect_error`'s `data.code`. The token belongs in
 * `auth.token` (or the session cookie), never in the URL, where proxies and logs keep it.
 */
export const REALTIME_CONNECT_ERRORS = {
  'auth.required': {
    zh: '请先登录后再连接实时服务。',
    en: 'Sign in first: send the session token in auth.token or the session cookie.',
  },
  'auth.invalid': {
    zh: '登录已失效（未知、过期或已注销），请重新登录。',
    en: 'The session is unknown, expired or signed out; sign in again.',
  },
  'auth.token_in_url': {
    zh: '不要把令牌放在网址里；请通过 auth.token 发送。',
    en: 'Never put the token in the URL; send it in auth.token.',
  },
  'origin.forbidden': {
    zh: '该网页来源不允许连接实时服务。',
    en: 'This page origin may not open a live connection; add it to ALLOWED_ORIGINS.',
  },
  'server.unavailable': {
    zh: '实时服务暂时不可用，请稍后重试。',
    en: 'The live service is unavailable; try again shortly.',
  },
} as const;
export type RealtimeConnectErrorCode = keyof typeof REALTIME_CONNECT_ERRORS;
export const ZConnectErrorData = z.object({
  code: z.enum(
    Object.keys(REALTIME_CONNECT_ERRORS) as [
      RealtimeConnectErrorCode,
      ...RealtimeConnectErrorCode[],
    ],
  ),
  zh: z.string(),
  en: z.string(),
});

/**
 * The instance that serves this socket and where its message sequence stands. `seq` numbers
 * are per instance and per `epoch` (a start of the instance): a client resumes with both.
 */
export const ZServerHello = z.object({
  instanceId: z.string(),
  epoch: z.string(),
  seq: z.number().int().min(0),
  serverTime: z.string(),
});

/**
 * A team's position as this viewer may see it: `exact` (whole) or `coarse` (rounded to about a
 * kilometre). A client keeps one of each per team and shows the exact one when it has it.
 */
export const ZMapPosition = z.object({
  teamId: ZUuid,
  incidentId: ZUuid.optional(),
  lon: ZLongitude,
  lat: ZLatitude,
  /** Metres; only with exact positions. */
  accuracyM: z.number().min(0).optional(),
  reportedAt: ZInstant,
  precision: z.enum(['exact', 'coarse']),
  /** From a drill: the map shows the 演练 banner. */
  exercise: z.boolean(),
});
export type TMapPosition = z.infer<typeof ZMapPosition>;

/**
 * Positions that changed in one tick, as one room may see them; upserts by (teamId, precision).
 * A socket that gets a team exact in a tick is not also sent its coarse copy in that tick.
 */
export const ZMapPositions = z.object({
  seq: z.number().int().min(1),
  positions: z.array(ZMapPosition),
});
export type TMapPositions = z.infer<typeof ZMapPositions>;

/**
 * One item of a map layer (warnings, incidents, teams, risk points…) as this viewer may see it:
 * `data` is the layer's item shape (contracts/src/map-layers.ts) after the policy projected it.
 * A `remove` carries no data. An item from a drill has `exercise: true` (the 演练 banner).
 */
export const ZMapItem = z.object({
  id: z.string().min(1).max(100),
  op: z.enum(['upsert', 'remove']),
  data: z.record(z.string(), z.unknown()).optional(),
  exercise: z.boolean().optional(),
});
export type TMapItem = z.infer<typeof ZMapItem>;
export const ZMapUpdate = z.object({
  seq: z.number().int().min(1),
  layer: z.string().min(1).max(50),
  items: z.array(ZMapItem),
});
export type TMapUpdate = z.infer<typeof ZMapUpdate>;

/** The items of one layer in a snapshot (upserts) or a replay (upserts and removes). */
export const ZMapLayerItems = z.object({
  layer: z.string().min(1).max(50),
  items: z.array(ZMapItem),
});
export type TMapLayerItems = z.infer<typeof ZMapLayerItems>;

/** Everything the viewer may see now: replaces what the client holds. */
export const ZSyncSnapshot = z.object({
  epoch: z.string(),
  seq: z.number().int().min(0),
  positions: z.array(ZMapPosition),
  /** Every layer item the viewer may see now, per layer; a layer left out is empty. */
  layers: z.array(ZMapLayerItems).optional(),
});
export type TSyncSnapshot = z.infer<typeof ZSyncSnapshot>;

/** What changed after `fromSeq` up to `toSeq`, projected for this viewer now; upserts. */
export const ZSyncReplay = z.object({
  epoch: z.string(),
  fromSeq: z.number().int().min(0),
  toSeq: z.number().int().min(0),
  positions: z.array(ZMapPosition),
  /** Layer items changed since `fromSeq`, as the viewer may see them now (removes included). */
  layers: z.array(ZMapLayerItems).optional(),
});
export type TSyncReplay = z.infer<typeof ZSyncReplay>;

/** Sent just before the server closes the sockets of a session that ended. */
export const ZSessionEnded = z.object({ reason: z.enum(['revoked', 'expired']) });

export const CLIENT_ERROR_CODES = [
  'payload.invalid',
  'event.unknown',
  'rate.limited',
  'rate.abuse',
  'server.failed',
] as const;
/** A refused client event; `field` names the first bad field of the payload. */
export const ZClientError = z.object({
  code: z.enum(CLIENT_ERROR_CODES),
  event: z.string(),
  field: z.string().optional(),
  message: z.string(),
});
export type TClientError = z.infer<typeof ZClientError>;

/** The answer to a client event sent with an acknowledgement callback. */
export const ZAck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: ZClientError }),
]);
export type TAck = z.infer<typeof ZAck>;

/**
 * After a reconnect: the last `seq` the client saw and the `epoch` it came from (from
 * `server:hello`). Same epoch and still buffered: a replay; otherwise a snapshot.
 */
export const ZSyncResume = z.strictObject({
  epoch: z.string().min(1).max(64),
  lastSeq: z.number().int().min(0),
});
export type TSyncResume = z.infer<typeof ZSyncResume>;

/**
 * What the map looks at. `incidentId` names the incident the view serves (the purpose): a duty
 * officer sees exact positions of the teams deployed to it. `null` leaves it.
 */
export const ZMapSubscribe = z.strictObject({
  incidentId: ZUuid.nullable().optional(),
});
export type TMapSubscribe = z.infer<typeof ZMapSubscribe>;

type Ack = (res: TAck) => void;

export interface ServerToClientEvents {
  'server:hello': (hello: z.infer<typeof ZServerHello>) => void;
  'map:positions': (batch: TMapPositions) => void;
  'map:update': (update: TMapUpdate) => void;
  'sync:snapshot': (snapshot: TSyncSnapshot) => void;
  'sync:replay': (replay: TSyncReplay) => void;
  'session:ended': (ended: z.infer<typeof ZSessionEnded>) => void;
  /** A client event refused without an acknowledgement callback to answer through. */
  'client:error': (error: TClientError) => void;
}

export interface ClientToServerEvents {
  'sync:resume': (req: TSyncResume, ack?: Ack) => void;
  'map:subscribe': (req: TMapSubscribe, ack?: Ack) => void;
}

/** The client events and their payload schemas: the server parses each with its schema. */
export const clientEventSchemas = {
  'sync:resume': ZSyncResume,
  'map:subscribe': ZMapSubscribe,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;
