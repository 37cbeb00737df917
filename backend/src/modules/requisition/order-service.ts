import { eq } from 'drizzle-orm';
import { AppError, type TOrderRequest } from '@muster/contracts';
import { newId } from '../../platform/ids.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { LEGAL_BASIS, drillFields, recordNow, type RequisitionDeps } from './deps.ts';
import { newVerificationCode, nextCertificateNumber } from './certificate-number.ts';
import { lockOrder, requireOfficerFor, requireStatus } from './guards.ts';
import { requireIncident, requireLive } from './incidents.ts';
import { syncOwnerHold } from './owner-holds.ts';
import { requisitionClaims, requisitionItems, requisitionOrders } from './tables.ts';

function ownerColumns(d: RequisitionDeps, o: TOrderRequest['owner']) {
  return o.kind === 'unit'
    ? {
        ownerKind: 'unit',
        ownerUnitName: o.unitName,
        ownerCreditCode: o.creditCode ?? null,
        ownerName: o.name,
        ownerPhone: o.phone,
        ownerAddress: o.address ?? null,
        ownerIdNumberSealed: null,
      }
    : {
        ownerKind: 'person',
        ownerUnitName: null,
        ownerCreditCode: null,
        ownerName: o.name,
        ownerPhone: o.phone,
        ownerAddress: o.address ?? null,
        ownerIdNumberSealed: d.sealer.seal(o.idNumber.toUpperCase()),
      };
}

/** An official asks for a requisition; it waits for another official's approval. */
export async function requestOrder(
  d: RequisitionDeps,
  viewer: Viewer,
  b: TOrderRequest,
): Promise<string> {
  requireOfficerFor(viewer, b.incidentId);
  const id = newId();
  await d.db.transaction(async (tx) => {
    const incident = await requireIncident(tx, b.incidentId);
    requireLive(incident);
    const now = recordNow(d, incident);
    const until = new Date(b.expectedPeriod.until);
    await tx.insert(requisitionOrders).values({
      id,
      incidentId: b.incidentId,
      exercise: incident.exercise,
      drillRunId: incident.drillRunId,
      status: 'requested',
      requestingUnit: b.requestingUnit,
      requestedBy: viewer.accountId,
      requestedAt: now,
      legalBasis: b.legalBasis,
      purpose: b.purpose,
      ...ownerColumns(d, b.owner),
      placeAddress: b.place.address,
      placeLon: b.place.point?.lon ?? null,
      placeLat: b.place.point?.lat ?? null,
      expectedFrom: new Date(b.expectedPeriod.from),
      expectedUntil: until,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(requisitionItems).values(
      b.items.map((it, i) => ({
        id: newId(),
        orderId: id,
        incidentId: b.incidentId,
        seq: i + 1,
        kind: it.kind,
        description: it.description,
        identification: it.identification,
        quantity: it.quantity,
        unit: it.unit,
        conditionAtHandover: it.conditionAtHandover,
        status: 'awaiting_handover',
        dueAt: until,
      })),
    );
    await d.outbox.append(tx, [
      {
        type: 'requisition.order.requested',
        actor: viewer.accountId,
        incidentId: b.incidentId,
        ...drillFields(incident),
        data: {
          orderId: id,
          incidentId: b.incidentId,
          itemCount: b.items.length,
          requestedAt: now.toISOString(),
        },
      },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'requisition.order.requested',
        subjectType: 'requisition_order',
        subjectId: id,
        purpose: b.incidentId,
        legalBasis: LEGAL_BASIS.order,
        detail: { items: b.items.length, ownerKind: b.owner.kind },
      },
      tx,
    );
  });
  return id;
}

/**
 * Another official approves: the certificate is numbered, the verification code drawn, the
 * property claim opened and the owner's details put under a hold until compensation and remedy
 * are settled — all in the one transaction that issues the order.
 */
export async function approveOrder(d: RequisitionDeps, viewer: Viewer, id: string): Promise<void> {
  await d.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    requireOfficerFor(viewer, order.incidentId);
    requireStatus('order', order.status, 'requested');
    if (order.requestedBy === viewer.accountId)
      throw new AppError('requisition.self_approval', 'requester');
    const incident = await requireIncident(tx, order.incidentId);
    requireLive(incident);
    const now = recordNow(d, order);
    const certificateNumber = await nextCertificateNumber(tx, d.certificate.prefix, order, now);
    await tx
      .update(requisitionOrders)
      .set({
        status: 'issued',
        decidedBy: viewer.accountId,
        decidedAt: now,
        certificateNumber,
        verificationCodeSealed: d.sealer.seal(newVerificationCode()),
        updatedAt: now,
      })
      .where(eq(requisitionOrders.id, id));
    const items = await tx
      .select({ id: requisitionItems.id })
      .from(requisitionItems)
      .where(eq(requisitionItems.orderId, id));
    await tx.insert(requisitionClaims).values({
      id: newId(),
      kind: 'property',
      incidentId: order.incidentId,
      exercise: order.exercise,
      drillRunId: order.drillRunId,
      status: 'open',
      orderId: id,
      createdAt: now,
      updatedAt: now,
    });
    await syncOwnerHold(d, tx, id, viewer.accountId, now);
    await d.outbox.append(tx, [
      {
        type: 'requisition.order.issued',
        actor: viewer.accountId,
        incidentId: order.incidentId,
        ...drillFields(order),
        data: {
          orderId: id,
          incidentId: order.incidentId,
          certificateNumber,
          itemCount: items.length,
          issuedAt: now.toISOString(),
        },
      },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'requisition.order.issued',
        subjectType: 'requisition_order',
        subjectId: id,
        purpose: order.incidentId,
        legalBasis: LEGAL_BASIS.order,
        detail: { certificateNumber },
      },
      tx,
    );
  });
}

/** The approving official refuses a requested order, with the reason. */
export async function rejectOrder(
  d: RequisitionDeps,
  viewer: Viewer,
  id: string,
  reason: string,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    requireOfficerFor(viewer, order.incidentId);
    requireStatus('order', order.status, 'requested');
    const now = recordNow(d, order);
    await tx
      .update(requisitionOrders)
      .set({
        status: 'rejected',
        decidedBy: viewer.accountId,
        decidedAt: now,
        rejectionReason: reason,
        updatedAt: now,
      })
      .where(eq(requisitionOrders.id, id));
    await tx
      .update(requisitionItems)
      .set({ status: 'cancelled' })
      .where(eq(requisitionItems.orderId, id));
    await d.outbox.append(tx, [
      {
        type: 'requisition.order.rejected',
        actor: viewer.accountId,
        incidentId: order.incidentId,
        ...drillFields(order),
        data: { orderId: id, incidentId: order.incidentId, rejectedAt: now.toISOString() },
      },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'requisition.order.rejected',
        subjectType: 'requisition_order',
        subjectId: id,
        purpose: order.incidentId,
        legalBasis: LEGAL_BASIS.order,
      },
      tx,
    );
  });
}
