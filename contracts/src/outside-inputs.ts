import type { z } from 'zod';
import { ZSensorMessage } from './monitoring.ts';

/**
 * Inputs that reach Muster from outside but not through a route contract: NATS subjects that
 * devices and upstream systems publish to (sensor readings), and files imported through an
 * endpoint in a format of their own (CAP XML). HTTP routes are known from their contracts and
 * Socket.IO events from `clientEventSchemas`; these registries are the same for the rest, so
 * that the fuzzer (`npm run fuzz`, docs/fuzzing.md) reaches every outside input there is.
 *
 * A module that reads such an input defines it here once (and reads it with the same schema):
 *
 *   'monitoring.reading': defineFeed({ subject: 'monitoring.reading.*', key: 'uuid', … }),
 *   'monitoring.cap': defineImport({ operationId: 'importCap', contentType: 'application/cap+xml', … }),
 */

/** A NATS subject fed from outside. */
export interface FeedContract<S extends z.ZodType = z.ZodType> {
  /** After the namespace, with one `*` token for the key: `monitoring.reading.*`. */
  subject: string;
  /** What the `*` token holds (e.g. a monitoring point's id). */
  key: 'uuid' | 'token';
  /** Core NATS publish, or a JetStream stream the subject belongs to. */
  transport: 'core' | 'jetstream';
  /** The message body, JSON parsed with this schema: anything else is refused without a write. */
  payload: S;
  summary: string;
}

/** A file imported through an HTTP endpoint in its own format. */
export interface ImportContract {
  /** The route contract (`operationId`) that receives the file as its body. */
  operationId: string;
  /** The content type the endpoint expects (e.g. `application/cap+xml`). */
  contentType: string;
  /** Valid example documents the fuzzer mutates (malformed, entities, huge, deep). */
  examples: readonly string[];
  summary: string;
}

export function defineFeed<S extends z.ZodType>(feed: FeedContract<S>): FeedContract<S> {
  return feed;
}

export function defineImport(imp: ImportContract): ImportContract {
  return imp;
}

/** The full subject of a feed for one key: `muster.monitoring.reading.<pointId>`. */
export function feedSubject(namespace: string, feed: FeedContract, key: string): string {
  return `${namespace}.${feed.subject.replace('*', key)}`;
}

/** Every NATS subject fed from outside, by name. Modules add one line each. */
export const outsideFeeds: Record<string, FeedContract> = {
  'monitoring.reading': defineFeed({
    subject: 'monitoring.reading.*',
    key: 'uuid',
    transport: 'jetstream',
    payload: ZSensorMessage,
    summary: 'a reading or heartbeat of one monitoring point, from its sensor or gateway',
  }),
};

/** A CAP 1.2 alert as the provincial meteorological office sends it: what the fuzzer mutates. */
const CAP_UPSTREAM_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>QX-500000-20260701-0001</identifier><sender>qxj.cq.gov.cn</sender>
  <sent>2026-07-01T08:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType>
  <scope>Public</scope>
  <info><language>zh-CN</language><category>Met</category><event>暴雨预警</event>
    <urgency>Expected</urgency><severity>Moderate</severity><certainty>Likely</certainty>
    <senderName>重庆市气象台</senderName><headline>重庆市暴雨黄色预警</headline>
    <description>未来6小时降雨50毫米以上</description>
    <parameter><valueName>预警级别</valueName><value>黄</value></parameter>
    <area><areaDesc>北碚区</areaDesc><polygon>29.8,106.4 29.8,106.5 29.9,106.5 29.8,106.4</polygon>
      <geocode><valueName>GB/T 2260</valueName><value>500109</value></geocode></area>
  </info>
</alert>`;

/** Every file importer, by name. Modules add one line each. */
export const fileImports: Record<string, ImportContract> = {
  'monitoring.cap': defineImport({
    operationId: 'importCap',
    contentType: 'application/cap+xml',
    examples: [CAP_UPSTREAM_EXAMPLE],
    summary: 'an upstream agency’s CAP 1.2 alert',
  }),
};
