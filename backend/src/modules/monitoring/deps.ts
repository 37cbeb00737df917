import type { AppRegistry } from '@muster/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Outbox } from '../../platform/bus/outbox.ts';
import type { BusConnection } from '../../platform/bus/connection.ts';
import type { AuditWriter } from '../../platform/access/audit-writer.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';

/** What the monitoring module is handed by the composition root, and nothing more. */
export interface MonitoringDeps {
  db: Db;
  outbox: Outbox<AppRegistry>;
  audit: AuditWriter;
  clock: Clock;
  /** A drill run's simulated now (issue 9); absent or undefined: the record is on `clock`. */
  drillClock?: (drillRunId: string) => Date | undefined;
  logger: Logger;
  /** The NATS connection the sensor readings arrive on (consumers role). */
  bus: BusConnection;
  namespace: string;
  streamReplicas: number;
  readingsMaxAgeS: number;
  /** CAP `sender` and `senderName` of the warnings Muster publishes. */
  capSender: string;
  capSenderName: string;
  /** Check each response against its contract (tests). */
  checkResponses?: boolean;
}

/** The law warnings rest on, cited in their audit entries. */
export const WARNING_LEGAL_BASIS =
  '突发事件应对法第六十三条至第七十条 Emergency Response Law art. 63–70 (warnings)';
export const RISK_LEGAL_BASIS =
  '突发事件应对法第三十三条 Emergency Response Law art. 33 (hazard sources and risk areas)';

/**
 * What time it is for a record: a drill run's records live on its simulated clock (issue 9),
 * every other record on the injected clock.
 */
export function timeFor(
  d: Pick<MonitoringDeps, 'clock' | 'drillClock'>,
  record: { exercise: boolean; drillRunId?: string | null },
): Date {
  return (record.drillRunId && d.drillClock?.(record.drillRunId)) || d.clock.now();
}
