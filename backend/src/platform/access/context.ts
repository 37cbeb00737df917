import type { TAccount } from '@muster/contracts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { projectAccount, type AccountRow } from './accounts.ts';
import type { AuditWriter } from './audit-writer.ts';
import type { PasswordHasher } from './passwords.ts';
import type { SessionStore } from './sessions.ts';
import type { LoginThrottle } from './throttle.ts';
import type { AnyViewer } from './viewer.ts';

/** The settings the access module reads. */
export type AccessConfig = Pick<
  Config,
  | 'SESSION_IDLE_MINUTES'
  | 'SESSION_ABSOLUTE_HOURS'
  | 'SESSION_CACHE_TTL_MS'
  | 'SESSION_CACHE_MAX'
  | 'CACHE_STALE_MS'
  | 'COOKIE_SECURE'
  | 'ALLOWED_ORIGINS'
  | 'ARGON2_MEMORY_KIB'
>;

/** What the access routes share; built once by `createAccess`. */
export interface AccessContext {
  db: Db;
  clock: Clock;
  config: AccessConfig;
  audit: AuditWriter;
  logger: Logger;
  sessions: SessionStore;
  passwords: PasswordHasher;
  throttle: LoginThrottle;
  /** Check each response against its contract (tests). */
  checkResponses: boolean;
}

/** An account as the viewer may see it; whole views of sensitive fields are audited. */
export async function accountFor(
  c: AccessContext,
  viewer: AnyViewer,
  row: AccountRow,
): Promise<TAccount> {
  const p = projectAccount(viewer, row);
  if (p.views.length > 0) await c.audit.append(p.views);
  return p.value;
}
