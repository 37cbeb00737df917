import { createHash } from 'node:crypto';

/** The `prev_hash` of the first entry: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditDetail = Record<string, string | number | boolean | null>;

/** What an entry's hash covers: everything but its own `prev_hash` and `hash`. */
export interface AuditContent {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  field: string | null;
  purpose: string | null;
  legalBasis: string | null;
  outcome: string;
  detail: AuditDetail;
}

/**
 * JSON with object keys sorted (by UTF-16 code unit, as `Array.prototype.sort` does) at every
 * level, so the same content hashes the same however jsonb reorders the keys it stores.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 hex of `prev_hash + '\n' + canonical content`; nulls are written out, never omitted. */
export function entryHash(prevHash: string, c: AuditContent): string {
  const content = canonicalJson({
    seq: c.seq,
    at: c.at.toISOString(),
    actor: c.actor,
    action: c.action,
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    field: c.field,
    purpose: c.purpose,
    legalBasis: c.legalBasis,
    outcome: c.outcome,
    detail: c.detail,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}
