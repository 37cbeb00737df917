import type { AppRegistry, Role } from '@muster/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Outbox } from '../../platform/bus/outbox.ts';
import type { AuditWriter } from '../../platform/access/audit-writer.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import type { PdfRenderer } from '../../platform/pdf.ts';
import type { RunClockView, RunClocks } from '../../platform/sim-clock.ts';

/**
 * How the runner reaches the other modules: through their HTTP API, as drill accounts, like any
 * client. The composition root hands over the address and the two things the access layer does.
 */
export interface DrillApi {
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  baseUrl(): string;
  /** A drill account (its password is random and never told: it only ever acts through tokens). */
  createAccount(o: { username: string; displayName: string; role: Role }): Promise<string>;
  /** An API session's bearer token for the account. */
  tokenFor(accountId: string): Promise<string>;
}

/** What the drills module is handed by the composition root, and nothing more. */
export interface DrillsDeps {
  db: Db;
  outbox: Outbox<AppRegistry>;
  audit: AuditWriter;
  clock: Clock;
  logger: Logger;
  pdf: PdfRenderer;
  runClocks: RunClocks;
  /** The modules' synchronous view of the drill clocks: refreshed after each change here. */
  clockView: RunClockView;
  api: DrillApi;
  /** This process as a player of runs: its name in leases (unique per process) and their length. */
  player: { id: string; leaseMs: number };
  checkResponses?: boolean;
}

export const DRILL_LEGAL_BASIS =
  '突发事件应对法第二十八条、第三十九条 Emergency Response Law art. 28, 39 (drills)';
