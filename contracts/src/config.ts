import { z } from 'zod';

export const PROCESS_ROLES = ['api', 'consumers', 'realtime'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** OWASP's argon2id floor (m=19 MiB, t=2, p=1); only tests may go lower. */
export const ARGON2_PRODUCTION_MIN_KIB = 19_456;

/**
 * The backend's settings, read from the environment. A bad or missing setting stops start-up
 * with a message naming it; defaults are what a single machine needs.
 */
export const ZBackendConfig = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(0, 65535).default(8080),
  DATABASE_URL: z
    .string({ error: 'required: a PostgreSQL URL such as postgres://user@127.0.0.1:5432/muster' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_POOL_MAX: int(1, 200).default(10),
  /** Connections of the outbox relay and the consumers, apart from the API's. */
  PIPELINE_POOL_MAX: int(2, 100).default(6),
  /** How long a starting process waits for PostgreSQL to be reachable before it gives up. */
  DATABASE_WAIT_S: int(0, 3_600).default(120),
  NATS_URL: z
    .string({
      error: 'required: one or more NATS URLs, comma-separated, such as nats://127.0.0.1:4222',
    })
    .min(1),
  /** First word of every subject and prefix of every stream; unique per test file. */
  MUSTER_NAMESPACE: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{0,30}$/,
      'lower-case letters, digits and underscores, starting with a letter',
    )
    .default('muster'),
  MUSTER_ROLES: z
    .string()
    .default('api,consumers,realtime')
    .transform((s) =>
      s
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(PROCESS_ROLES)).min(1, 'name at least one of api, consumers, realtime')),
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The outbox relay's fallback poll when no NOTIFY arrives. */
  OUTBOX_POLL_MS: int(10, 60_000).default(1000),
  OUTBOX_BATCH: int(1, 5000).default(500),
  /** Sent outbox rows are kept this long for inspection, then deleted. */
  OUTBOX_RETENTION_HOURS: int(0, 24 * 90).default(24),
  /** After this many failed deliveries a message goes to the dead-letter subject. */
  CONSUMER_MAX_DELIVER: int(1, 100).default(5),
  /**
   * How often due work is looked for (acknowledgement deadlines, overdue reports and returns,
   * expiring warnings): the most an alarm can lag the moment it falls due.
   */
  SWEEP_EVERY_MS: int(100, 60_000).default(2000),
  /**
   * A drill run's lease (api role): the process playing a run renews it every third of this;
   * when it lapses (the process died or froze) another process takes the run over. Shorter
   * means a quicker take-over after a crash, longer tolerates longer stalls.
   */
  DRILL_LEASE_MS: int(1000, 600_000).default(15_000),
  CONSUMER_ACK_WAIT_MS: int(1000, 600_000).default(30_000),
  CONSUMER_BATCH: int(1, 1000).default(256),
  /** JetStream drops a re-published event id within this window (the outbox relay's retries). */
  EVENTS_DEDUP_WINDOW_S: int(10, 86_400).default(120),
  EVENTS_MAX_AGE_DAYS: int(1, 3650).default(90),
  POSITIONS_MAX_AGE_S: int(60, 7 * 86_400).default(6 * 3600),
  STREAM_REPLICAS: int(1, 5).default(1),
  SHUTDOWN_TIMEOUT_MS: int(100, 120_000).default(15_000),
  /**
   * Keys that encrypt sensitive personal information at rest (AES-256-GCM): `id:base64` pairs,
   * comma-separated, each 32 bytes. Old keys stay listed so what they sealed can still be read.
   */
  DATA_KEYS: z
    .string({
      error: 'required: id:base64key pairs (32-byte keys), e.g. k1:<openssl rand -base64 32>',
    })
    .regex(
      /^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=)*$/,
      'id:base64 pairs of 32-byte keys, comma-separated',
    ),
  /** Which of DATA_KEYS seals new values. */
  DATA_KEY_ACTIVE: z
    .string({ error: 'required: the id of the DATA_KEYS key that seals new values' })
    .regex(/^[A-Za-z0-9_-]{1,16}$/),
  /** Key of the HMAC index for exact look-ups of ID numbers (base64, 32 bytes). */
  HMAC_KEY: z
    .string({ error: 'required: a base64 32-byte key for the ID-number look-up index' })
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'a base64 32-byte key'),
  SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: int(1, 24 * 30).default(12),
  /**
   * Each process keeps the viewers of recently used sessions this long at most (0: keep none).
   * Changes drop them at once through NOTIFY; this only bounds a change written without one.
   * A minute covers devices that report every few seconds with one database read a minute.
   */
  SESSION_CACHE_TTL_MS: int(0, 600_000).default(60_000),
  /** Sessions whose viewers a process keeps at most (oldest go first). */
  SESSION_CACHE_MAX: int(1, 1_000_000).default(20_000),
  /**
   * The longest a process may go on trusting what it keeps (viewers of sessions, hot reads)
   * without proof that it hears every change (its own NOTIFY ping come back): the bound on how
   * late a revocation can take effect when the LISTEN connection is lost.
   */
  CACHE_STALE_MS: int(150, 60_000).default(3_000),
  /**
   * Memory per process for the hottest reads kept as sent (the incident list, timelines); 0
   * keeps none. Triggers announce every change to what they show.
   */
  READ_CACHE_MB: int(0, 4_096).default(64),
  /** Browser origins allowed to open live connections and send cookie requests; empty: same host only. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  /**
   * argon2id memory per password hash, KiB. OWASP's minimum for argon2id is 19 MiB with t=2, p=1;
   * tests lower it to stay fast, production refuses anything below.
   */
  ARGON2_MEMORY_KIB: int(64, 4 * 1024 * 1024).default(ARGON2_PRODUCTION_MIN_KIB),
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (Express `trust proxy`):
   * `loopback` by default; name the load balancer's addresses when there is one, or a client
   * could pick its own address and slip the per-address log-in limit.
   */
  TRUST_PROXY: z.string().max(500).default('loopback'),
  /** Mark the session cookie Secure (behind HTTPS). */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * The Chromium that prints PDFs (evaluation reports, requisition certificates). Debian's
   * `chromium` package; `npm run up` and `npm test` install it as root. Without it a PDF request
   * answers 503 naming the setting, and the printable pages still work.
   */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** A built frontend to serve at `/`; empty serves the API only. */
  FRONTEND_DIST: z.string().optional(),
  /**
   * Live positions are pushed at most once per tick per room: the first change after a quiet
   * spell goes out at once, a stream of changes is coalesced into one message per tick.
   */
  REALTIME_TICK_MS: int(10, 5_000).default(200),
  /** How often the gateway re-reads the active access grants (a socket loses what they ended). */
  REALTIME_ACCESS_POLL_MS: int(50, 60_000).default(2_000),
  /**
   * How often the gateway asks whether the sessions of its sockets were revoked. A revocation is
   * announced by NOTIFY at once; this catches one missed while the LISTEN connection was down.
   */
  REALTIME_SESSION_CHECK_MS: int(100, 600_000).default(30_000),
  /** Ticks kept for replay to a reconnecting client (3,000 × 200 ms: ten minutes). */
  REALTIME_REPLAY_TICKS: int(10, 100_000).default(3_000),
  /** On start, positions reported this long ago are read back to fill the live map. */
  REALTIME_POSITIONS_LOOKBACK_S: int(0, 86_400).default(600),
  /** How long raw sensor readings stay in their JetStream stream (stored readings stay in PostgreSQL). */
  READINGS_MAX_AGE_S: int(60, 7 * 86_400).default(3600),
  /**
   * The CAP `sender` of every warning Muster publishes: no spaces, commas, `<` or `&` (CAP 1.2
   * profile). Name the issuing office's domain.
   */
  CAP_SENDER: z
    .string()
    .regex(/^[^\s,<&]{1,100}$/, 'no spaces, commas, < or &')
    .default('yjj.beibei.cq.gov.cn'),
  /** The issuing body (发布单位) written as CAP `senderName` and proposed for new drafts. */
  CAP_SENDER_NAME: z.string().min(1).max(100).default('重庆市北碚区应急管理局'),
  /** The authority that issues requisition certificates, printed at their head. */
  REQUISITION_ISSUER: z.string().min(2).max(100).default('重庆市北碚区应急管理局'),
  /** The certificate number's prefix: 北碚应急征〔2026〕第0001号. */
  REQUISITION_CERTIFICATE_PREFIX: z.string().min(1).max(20).default('北碚应急征'),
  /**
   * The command map's basemap: an XYZ tile URL with `{z}`, `{x}`, `{y}` (and `{s}` for
   * subdomains), e.g. `https://tiles.example.org/{z}/{x}/{y}.png`. Empty: the bundled offline
   * basemap of the demo district only. When tiles cannot be fetched the map falls back to it too.
   */
  MAP_TILE_URL: z
    .string()
    .max(500)
    .default('')
    .refine(
      (u) =>
        u === '' ||
        (/^(https?:)?\/\//.test(u) && ['{z}', '{x}', '{y}'].every((p) => u.includes(p))),
      'an http(s) URL with {z}, {x} and {y}, or empty for the offline basemap',
    ),
  /** Attribution the tile provider requires, shown in the map corner (plain text). */
  MAP_TILE_ATTRIBUTION: z.string().max(300).default(''),
  /**
   * The datum of the tiles: `wgs84`, or `gcj02` for Chinese providers (高德, 腾讯, 天地图 GCJ
   * layers). With `gcj02` the map converts its WGS-84 data to GCJ-02 when drawing, never in storage.
   */
  MAP_TILE_COORDS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  /** Subdomains substituted for `{s}` in MAP_TILE_URL, as one string of letters (e.g. `abc`). */
  MAP_TILE_SUBDOMAINS: z
    .string()
    .regex(/^[a-z0-9]{0,10}$/)
    .default(''),
  MAP_TILE_MAX_ZOOM: int(1, 22).default(18),
});
export type TBackendConfig = z.infer<typeof ZBackendConfig>;

/**
 * Checks across fields (zod cannot see across them in the object): the active data key is one of
 * the listed keys; production keeps argon2 at OWASP strength.
 */
export const ZBackendConfigChecked = ZBackendConfig.superRefine((c, ctx) => {
  if (c.NODE_ENV === 'production' && c.ARGON2_MEMORY_KIB < ARGON2_PRODUCTION_MIN_KIB) {
    ctx.addIssue({
      code: 'custom',
      path: ['ARGON2_MEMORY_KIB'],
      message: `must be at least ${ARGON2_PRODUCTION_MIN_KIB} in production (OWASP argon2id minimum)`,
    });
  }
  const ids = c.DATA_KEYS.split(',').map((p) => p.split(':')[0]);
  if (!ids.includes(c.DATA_KEY_ACTIVE)) {
    ctx.addIssue({
      code: 'custom',
      path: ['DATA_KEY_ACTIVE'],
      message: `must name one of the DATA_KEYS ids (${ids.join(', ')})`,
    });
  }
});
