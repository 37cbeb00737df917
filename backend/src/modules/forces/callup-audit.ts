import { CALLUP_LEGAL_CITATION } from '@muster/contracts';
import type { AuditInput } from '../../platform/access/audit-writer.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { CallupDeps } from './callup-deps.ts';

/**
 * Audits one action on a call-up inside its transaction: who, what, the incident as the purpose
 * and the call-ups' legal basis; `detail` holds ids and counts only.
 */
export function auditCallup(
  d: Pick<CallupDeps, 'audit'>,
  tx: Tx,
  e: {
    actor: string;
    action: string;
    callupId: string;
    incidentId: string;
    detail?: AuditInput['detail'];
  },
): Promise<void> {
  return d.audit.append(
    {
      actor: e.actor,
      action: e.action,
      subjectType: 'callup',
      subjectId: e.callupId,
      purpose: e.incidentId,
      legalBasis: CALLUP_LEGAL_CITATION,
      ...(e.detail ? { detail: e.detail } : {}),
    },
    tx,
  );
}
