import type { Executor } from '../db/client.ts';

/**
 * One audit entry as a writer states it. Ids only: never a personal value (a phone, a name,
 * an ID number, a position) in any field or in `detail`.
 */
export interface AuditInput {
  actor: string;
  action: string;
  subjectType?: string;
  subjectId?: string;
  /** For a view of a personal field: which field, e.g. `member.idNumber`. */
  field?: string;
  /** The incident that justified a view, or another stated purpose. */
  purpose?: string;
  legalBasis?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  detail?: Record<string, string | number | boolean | null>;
}

/** Appends to the hash chain; with `tx`, the entry commits or rolls back with the caller's change. */
export interface AuditWriter {
  append(entries: AuditInput | AuditInput[], tx?: Executor): Promise<void>;
}
