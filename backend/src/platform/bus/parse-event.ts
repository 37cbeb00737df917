import {
  ZEventEnvelope,
  unstorableTextIssues,
  type EventRegistry,
  type TEvent,
} from '@muster/contracts';

/** Why a message is not an event of the expected type; `detail` names fields, never values. */
export type EventRejection =
  | { reason: 'not_json' }
  | { reason: 'invalid_envelope'; detail: string }
  | { reason: 'wrong_type'; detail: string }
  | { reason: 'unregistered'; detail: string }
  | { reason: 'newer_version'; detail: string }
  | { reason: 'invalid_data'; detail: string };

const paths = (issues: readonly { path: readonly PropertyKey[] }[]) =>
  issues.map((i) => i.path.map(String).join('.')).join(', ');

/**
 * Parses a bus message as an event of one type: JSON, the envelope, the type, a version this
 * build knows, and the type's own data schema. The one parser of every reader of the bus.
 */
export function parseEvent(
  msg: { json(): unknown },
  type: string,
  registry: EventRegistry,
): { event: TEvent<string, unknown> } | EventRejection {
  let raw: unknown;
  try {
    raw = msg.json();
  } catch {
    return { reason: 'not_json' };
  }
  const env = ZEventEnvelope.safeParse(raw);
  if (!env.success) return { reason: 'invalid_envelope', detail: paths(env.error.issues) };
  if (env.data.type !== type)
    return { reason: 'wrong_type', detail: `type ${env.data.type} on subject of ${type}` };
  const def = registry[type];
  if (!def) return { reason: 'unregistered', detail: `unregistered type ${type}` };
  if (env.data.version > def.version)
    return {
      reason: 'newer_version',
      detail: `version ${env.data.version} newer than ${def.version}`,
    };
  const data = def.schema.safeParse(env.data.data);
  if (!data.success) return { reason: 'invalid_data', detail: paths(data.error.issues) };
  // Text no column can hold (NUL, a lone surrogate half) would fail every retry: refused now.
  const unstorable = unstorableTextIssues(env.data, 'event');
  if (unstorable.length > 0)
    return { reason: 'invalid_data', detail: unstorable.map((i) => i.path).join(', ') };
  return { event: { ...env.data, data: data.data } };
}

/** The short drop reasons the gateway's feeds count in their metrics. */
export function feedReason(reason: EventRejection['reason'], invalidData: string): string {
  switch (reason) {
    case 'not_json':
    case 'newer_version':
      return reason;
    case 'invalid_envelope':
    case 'wrong_type':
    case 'unregistered':
      return 'invalid_envelope';
    case 'invalid_data':
      return invalidData;
  }
}
