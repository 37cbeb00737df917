import type { AppRegistry } from '@muster/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Outbox } from '../../platform/bus/outbox.ts';
import type { AuditWriter } from '../../platform/access/audit-writer.ts';
import type { Sealer } from '../../platform/access/crypto.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import type { PdfRenderer } from '../../platform/pdf.ts';
import type { ReadCache } from '../../platform/db/read-cache.ts';

/** What the response module is handed by the composition root, and nothing more. */
export interface ResponseDeps {
  db: Db;
  outbox: Outbox<AppRegistry>;
  audit: AuditWriter;
  sealer: Sealer;
  clock: Clock;
  logger: Logger;
  pdf: PdfRenderer;
  /**
   * A drill's simulated clock, when one runs (issue 9 plugs it in): the time of a drill run's
   * records. Absent, every record is on `clock`.
   */
  drillClock?: (drillRunId: string) => Date | undefined;
  /** Keeps the incident list and timelines as sent (absent: every read asks the database). */
  reads?: ReadCache;
  /** Check each response against its contract (tests). */
  checkResponses?: boolean;
}

/** The law the module's decisions rest on, cited in their audit entries. */
export const RESPONSE_LEGAL_BASIS = {
  grading: '突发事件应对法第三条 Emergency Response Law art. 3 (grades)',
  reporting: '突发事件应对法第十七条、第六十一条 Emergency Response Law art. 17, 61 (reporting)',
  plans: '突发事件应对法第二十六条至第二十八条 Emergency Response Law art. 26–28 (plans)',
  levels:
    '突发事件应对法第七十一条、第七十二条 Emergency Response Law art. 71–72 (response levels)',
  ending: '突发事件应对法第八十六条 Emergency Response Law art. 86 (ending the response)',
  recovery:
    '突发事件应对法第八十七条至第九十二条 Emergency Response Law art. 87–92 (recovery, evaluation)',
} as const;
