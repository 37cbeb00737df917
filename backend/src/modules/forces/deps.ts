import type { AppRegistry } from '@muster/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Outbox } from '../../platform/bus/outbox.ts';
import type { AuditWriter } from '../../platform/access/audit-writer.ts';
import type { Sealer } from '../../platform/access/crypto.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';

/** What the forces module is handed by the composition root, and nothing more. */
export interface ForcesDeps {
  db: Db;
  outbox: Outbox<AppRegistry>;
  audit: AuditWriter;
  sealer: Sealer;
  clock: Clock;
  /** A drill run's simulated now (issue 9); absent or undefined: the record is on `clock`. */
  drillClock?: (drillRunId: string) => Date | undefined;
  logger: Logger;
  /** Check each response against its contract (tests). */
  checkResponses?: boolean;
}

/** The law every filing and review decision rests on, cited in their audit entries. */
export const FILING_LEGAL_BASIS =
  '突发事件应对法第三十九条、第四十条 Emergency Response Law art. 39–40 (social emergency forces)';

/** A unique index said no: which one, so the caller can name the conflict. */
export function uniqueViolation(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown };
    if (pg.code === '23505')
      return typeof pg.constraint_name === 'string' ? pg.constraint_name : '';
  }
  return undefined;
}
