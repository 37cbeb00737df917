import { eq } from 'drizzle-orm';
import type { AppRegistry } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { HandledEvent } from '../../platform/bus/consumer.ts';
import { newId } from '../../platform/ids.ts';
import { LEGAL_BASIS, drillFields, recordNow, type RequisitionDeps } from './deps.ts';
import { valueCallup } from './callup-compensation.ts';
import { insertLines } from './claim-lines.ts';
import { decimalOfNumber, sumFen } from './money.ts';
import { requisitionClaims, requisitionIncidents } from './tables.ts';

type StoodDown = HandledEvent<AppRegistry, 'forces.callup.stood_down'>;

/**
 * A team stood down: its call-up compensation claim is assessed at once under the terms fixed at
 * call-up, and waits for an official's approval. One claim per call-up and team: a repeated
 * stand-down (a second event for the same deployment) finds the claim made and changes nothing.
 */
export async function claimFromStandDown(d: RequisitionDeps, tx: Tx, e: StoodDown): Promise<void> {
  // The incident's own drill flags win; the envelope's serve when the incident is not known yet.
  const [incident] = await tx
    .select()
    .from(requisitionIncidents)
    .where(eq(requisitionIncidents.incidentId, e.data.incidentId));
  const scope = {
    exercise: e.exercise || (incident?.exercise ?? false),
    drillRunId: incident?.drillRunId ?? e.drillRunId ?? null,
  };
  const now = recordNow(d, scope);
  const x = e.data;
  const lines = valueCallup(x.terms, {
    people: x.people.map((p) => ({ memberId: p.memberId, hours: decimalOfNumber(p.hours) })),
    equipment: x.equipment.map((q) => ({ ...q, hours: decimalOfNumber(q.hours) })),
    expenses: x.expenses,
  });
  const amountFen = sumFen(
    lines.map((l) => l.amountFen),
    'amountFen',
  );
  const id = newId();
  const [made] = await tx
    .insert(requisitionClaims)
    .values({
      id,
      kind: 'callup',
      incidentId: x.incidentId,
      exercise: scope.exercise,
      drillRunId: scope.drillRunId,
      status: 'assessed',
      callupId: x.callupId,
      teamId: x.teamId,
      terms: x.terms,
      amountFen,
      assessmentNo: 1,
      assessedBy: 'system',
      assessedAt: now,
      assessmentNote: `调用 ${x.deployedAt} 至 ${x.stoodDownAt}，按调用令约定的补偿标准计算 / computed under the call-up's terms`,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [requisitionClaims.callupId, requisitionClaims.teamId] })
    .returning({ id: requisitionClaims.id });
  if (!made) {
    await d.audit.append(
      {
        actor: 'system',
        action: 'requisition.callup_claim.duplicate_ignored',
        subjectType: 'callup',
        subjectId: x.callupId,
        purpose: x.incidentId,
        detail: { teamId: x.teamId, eventId: e.id },
      },
      tx,
    );
    return;
  }
  await insertLines(tx, id, 1, lines);
  await d.outbox.append(tx, [
    {
      type: 'requisition.compensation.assessed',
      actor: 'system',
      incidentId: x.incidentId,
      ...drillFields(scope),
      correlationId: e.correlationId,
      data: { claimId: id, kind: 'callup', incidentId: x.incidentId, amountFen },
    },
  ]);
  await d.audit.append(
    {
      actor: 'system',
      action: 'requisition.compensation.assessed',
      subjectType: 'compensation_claim',
      subjectId: id,
      purpose: x.incidentId,
      legalBasis: LEGAL_BASIS.callup,
      detail: { kind: 'callup', amountFen, lines: lines.length, teamId: x.teamId },
    },
    tx,
  );
}
