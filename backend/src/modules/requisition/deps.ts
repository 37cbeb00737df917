import type { AppRegistry } from '@muster/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Outbox } from '../../platform/bus/outbox.ts';
import type { AuditWriter } from '../../platform/access/audit-writer.ts';
import type { Sealer } from '../../platform/access/crypto.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import type { PdfRenderer } from '../../platform/pdf.ts';

/** What the requisition module is handed by the composition root, and nothing more. */
export interface RequisitionDeps {
  db: Db;
  outbox: Outbox<AppRegistry>;
  audit: AuditWriter;
  sealer: Sealer;
  clock: Clock;
  /** A drill run's simulated now (issue 9); absent or undefined: the record is on `clock`. */
  drillClock?: (drillRunId: string) => Date | undefined;
  logger: Logger;
  pdf: PdfRenderer;
  /** The issuing authority and the certificate number's prefix (北碚应急征〔2026〕第0001号). */
  certificate: { issuer: string; prefix: string };
  /** Check each response against its contract (tests). */
  checkResponses?: boolean;
}

/** What ties a record to its incident for time and for drills. */
export interface IncidentScope {
  exercise: boolean;
  drillRunId: string | null;
}

/**
 * "What time is it" for a record of an incident. Every timestamp this module writes for an
 * incident's records comes from here: a drill run's simulated clock for a drill's records
 * (issue 9), the injected clock for every other.
 */
export function recordNow(
  d: Pick<RequisitionDeps, 'clock' | 'drillClock'>,
  scope: IncidentScope,
): Date {
  return (scope.drillRunId && d.drillClock?.(scope.drillRunId)) || d.clock.now();
}

/** The drill fields every event about an incident carries (EventDraft). */
export function drillFields(scope: IncidentScope): { exercise: boolean; drillRunId?: string } {
  return scope.drillRunId
    ? { exercise: scope.exercise, drillRunId: scope.drillRunId }
    : { exercise: scope.exercise };
}

/** Audit entries cite the law each act rests on. */
export const LEGAL_BASIS = {
  order: '突发事件应对法第十二条、第七十六条 Emergency Response Law art. 12, 76 (requisition)',
  return:
    '突发事件应对法第十二条、第九十五条第九项 Emergency Response Law art. 12, 95(9) (timely return)',
  compensation:
    '突发事件应对法第十二条 Emergency Response Law art. 12 (fair and reasonable compensation)',
  callup:
    '突发事件应对法第三十九条、第四十条 Emergency Response Law art. 39–40 (call-up compensation)',
  objection:
    '行政复议法第二十条、行政诉讼法第四十六条、突发事件应对法第十三条 Administrative Reconsideration Law art. 20, Administrative Litigation Law art. 46, Emergency Response Law art. 13',
} as const;
