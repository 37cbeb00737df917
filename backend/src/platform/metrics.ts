import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus metrics; one registry per app so tests can run several in a process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m = {
    registry,
    httpRequests: new Counter({
      name: 'muster_http_requests_total',
      help: 'HTTP requests by route, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
    httpSeconds: new Histogram({
      name: 'muster_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['route', 'method'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    outboxPublished: new Counter({
      name: 'muster_outbox_published_total',
      help: 'Outbox rows published to JetStream',
      registers: [registry],
    }),
    outboxErrors: new Counter({
      name: 'muster_outbox_publish_errors_total',
      help: 'Outbox relay batches that failed and will be retried',
      registers: [registry],
    }),
    outboxPublishSeconds: new Histogram({
      name: 'muster_outbox_batch_publish_seconds',
      help: 'Time to publish one outbox batch and have it acknowledged',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    outboxUnsent: new Gauge({
      name: 'muster_outbox_unsent',
      help: 'Outbox rows committed but not yet published (outbox lag)',
      registers: [registry],
    }),
    outboxOldestAge: new Gauge({
      name: 'muster_outbox_oldest_unsent_seconds',
      help: 'Age of the oldest unpublished outbox row',
      registers: [registry],
    }),
    consumerPending: new Gauge({
      name: 'muster_consumer_pending',
      help: 'Messages not yet delivered to a consumer (consumer lag)',
      labelNames: ['consumer'] as const,
      registers: [registry],
    }),
    consumerAckPending: new Gauge({
      name: 'muster_consumer_ack_pending',
      help: 'Messages delivered to a consumer and not yet acknowledged',
      labelNames: ['consumer'] as const,
      registers: [registry],
    }),
    consumerApplied: new Counter({
      name: 'muster_consumer_applied_total',
      help: 'Events applied by a consumer',
      labelNames: ['consumer'] as const,
      registers: [registry],
    }),
    consumerDuplicates: new Counter({
      name: 'muster_consumer_duplicates_total',
      help: 'Redelivered events a consumer had already applied (skipped)',
      labelNames: ['consumer'] as const,
      registers: [registry],
    }),
    consumerFailures: new Counter({
      name: 'muster_consumer_failures_total',
      help: 'Handler failures (each is retried until max-deliver)',
      labelNames: ['consumer'] as const,
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'muster_dead_letters_total',
      help: 'Messages sent to the dead-letter subject',
      labelNames: ['consumer'] as const,
      registers: [registry],
    }),
    busConnected: new Gauge({
      name: 'muster_nats_connected',
      help: '1 while connected to NATS',
      registers: [registry],
    }),
    sockets: new Gauge({
      name: 'muster_realtime_sockets',
      help: 'Connected Socket.IO clients',
      registers: [registry],
    }),
    realtimePushes: new Counter({
      name: 'muster_realtime_pushes_total',
      help: 'Messages the gateway pushed (one per room per tick for broadcasts; rate() gives pushes/s)',
      labelNames: ['event'] as const,
      registers: [registry],
    }),
    realtimeRefused: new Counter({
      name: 'muster_realtime_refused_total',
      help: 'Handshakes and client events the gateway refused, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    realtimeDropped: new Counter({
      name: 'muster_realtime_dropped_total',
      help: 'Inputs the gateway dropped (invalid or stale position events, failed audits), by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    probeLatency: new Histogram({
      name: 'muster_probe_latency_seconds',
      help: 'Probe event latency from outbox commit to consumer effect',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
