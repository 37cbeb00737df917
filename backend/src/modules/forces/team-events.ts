import type { AppRegistry } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { EventDraft } from '../../platform/bus/outbox.ts';
import type { AuditInput } from '../../platform/access/audit-writer.ts';
import { FILING_LEGAL_BASIS, type ForcesDeps } from './deps.ts';

/**
 * Records one registry change: its events in the outbox and its audit entry, both in the
 * caller's transaction, so the change, its announcement and its record commit together.
 */
export async function recordChange(
  d: Pick<ForcesDeps, 'outbox' | 'audit'>,
  tx: Tx,
  c: {
    actor: string;
    action: string;
    subjectType: 'team' | 'member' | 'training_session';
    subjectId: string;
    events: EventDraft<AppRegistry>[];
    detail?: AuditInput['detail'];
  },
): Promise<void> {
  await d.outbox.append(tx, c.events);
  await d.audit.append(
    {
      actor: c.actor,
      action: c.action,
      subjectType: c.subjectType,
      subjectId: c.subjectId,
      legalBasis: FILING_LEGAL_BASIS,
      ...(c.detail ? { detail: c.detail } : {}),
    },
    tx,
  );
}
