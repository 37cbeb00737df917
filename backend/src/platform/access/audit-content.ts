import type { AuditInput } from './audit-writer.ts';

/** Limits on what an entry may hold: ids, codes and counts are short; prose does not belong. */
export const AUDIT_LIMITS = { textMax: 200, detailKeys: 32 } as const;

/** Thrown when an entry would put something that is not an id into the chain. Never quotes it. */
export class AuditContentError extends Error {
  constructor(where: string, problem: string) {
    super(`audit entry refused: ${where} ${problem}; write ids, codes and counts only`);
    this.name = 'AuditContentError';
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Token hashes and digests: long hex runs hold digit runs by chance (an 11-digit run turns up in
// about a quarter of SHA-256 hex strings), so they are set aside before the digit check.
const LONG_HEX = /[0-9a-f]{32,}/gi;
// Phones are written 138-1234-5678, (138) 1234 5678 or +86 138…; join the digits back up.
const SEPARATORS = /[\s\-().+]/g;
// 11 digits: a mainland mobile number; an ID number (18, or 15 of the old kind) holds such a run too.
const DIGIT_RUN = /\d{11}/;
const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(s: string): string | undefined {
  if (s.length > AUDIT_LIMITS.textMax) return `is longer than ${AUDIT_LIMITS.textMax} characters`;
  // PostgreSQL text refuses NUL; a lone surrogate would come back changed and break the hash.
  if (s.includes('\u0000') || LONE_SURROGATE.test(s)) return 'is not well-formed text';
  return undefined;
}

function personalProblem(s: string): string | undefined {
  const rest = s
    .replace(UUID, ' ')
    .replace(LONG_HEX, (m) => (/[a-f]/i.test(m) ? ' ' : m))
    .replace(SEPARATORS, '');
  return DIGIT_RUN.test(rest) ? 'looks like a phone or ID number' : undefined;
}

function valueProblem(v: unknown): string | undefined {
  if (v === null || typeof v === 'boolean') return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'is not a finite number';
    const digits = Number.isInteger(v) ? String(Math.abs(v)).length : 0;
    // An 11-digit integer is phone-shaped; 15+ digits is ID-shaped (and past exact integers).
    return digits === 11 || digits >= 15 ? 'looks like a phone or ID number' : undefined;
  }
  if (typeof v === 'string') return textProblem(v) ?? personalProblem(v);
  return 'is not a string, number, boolean or null';
}

/** Whether a value may go into `detail`: an id, a code, a count, a flag. */
export function isSafeDetailValue(v: unknown): boolean {
  return valueProblem(v) === undefined;
}

const TEXT_FIELDS = [
  'actor',
  'action',
  'subjectType',
  'subjectId',
  'field',
  'purpose',
  'legalBasis',
] as const satisfies readonly (keyof AuditInput)[];

/**
 * Checks an entry before it takes the chain's lock. Every text field is bounded; `detail` holds
 * no personal value: nothing phone- or ID-number-shaped and nothing long, since an entry can never
 * be removed from the chain once written.
 */
export function checkAuditInput(e: AuditInput): void {
  if (!e.actor) throw new AuditContentError('actor', 'is empty');
  if (!e.action) throw new AuditContentError('action', 'is empty');
  for (const f of TEXT_FIELDS) {
    const v = e[f];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw new AuditContentError(f, 'is not a string');
    const problem = textProblem(v);
    if (problem) throw new AuditContentError(f, problem);
  }
  const detail = e.detail ?? {};
  if (typeof detail !== 'object' || Array.isArray(detail))
    throw new AuditContentError('detail', 'is not an object');
  const keys = Object.keys(detail);
  if (keys.length > AUDIT_LIMITS.detailKeys)
    throw new AuditContentError('detail', `has more than ${AUDIT_LIMITS.detailKeys} keys`);
  for (const k of keys) {
    if (!KEY.test(k)) throw new AuditContentError('a detail key', 'is not a plain name');
    const problem = valueProblem(detail[k]);
    if (problem) throw new AuditContentError(`detail.${k}`, problem);
  }
}
