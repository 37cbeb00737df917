import { ZLedgerRow, ZOrder, type TLedgerRow, type TOrder } from '@muster/contracts';
import { project, type Subject } from '../../platform/access/policy.ts';
import type { AuditInput } from '../../platform/access/audit-writer.ts';
import type { AnyViewer } from '../../platform/access/viewer.ts';
import type { RequisitionDeps } from './deps.ts';

/**
 * The owner of an order as the policy's subject. Their property serves the incident, so a
 * commander of that incident sees their contact whole (to arrange the return), as with a team
 * deployed there; identity stays with the office (duty officers masked, the admin whole).
 */
export function ownerSubject(orderId: string, incidentId: string): Subject {
  return { type: 'requisition_owner', id: orderId, deployedTo: new Set([incidentId]) };
}

/**
 * The one way an order leaves the module: through the personal-information policy for this
 * viewer, each whole view of a sensitive field audited before the answer goes out.
 */
export async function projectOrders(
  d: Pick<RequisitionDeps, 'audit'>,
  viewer: AnyViewer,
  orders: readonly TOrder[],
): Promise<TOrder[]> {
  const views: AuditInput[] = [];
  const out = orders.map((o) => {
    const subject = ownerSubject(o.id, o.incidentId);
    const p = project(ZOrder, o, {
      viewer,
      purpose: { incidentId: o.incidentId },
      subjectOf: (_obj, path) => (path === 'owner' ? subject : undefined),
    });
    views.push(...p.views);
    return p.value;
  });
  if (views.length > 0) await d.audit.append(views);
  return out;
}

/** Ledger rows (exports) through the same policy as REST; the caller audits the views. */
export function projectLedgerRows(
  viewer: AnyViewer,
  rows: readonly (TLedgerRow & { orderId: string | null })[],
): { rows: TLedgerRow[]; views: AuditInput[] } {
  const views: AuditInput[] = [];
  const out = rows.map(({ orderId, ...row }) => {
    const subject = orderId ? ownerSubject(orderId, row.incidentId) : undefined;
    const p = project(ZLedgerRow, row, {
      viewer,
      purpose: { incidentId: row.incidentId },
      subjectOf: () => subject,
    });
    views.push(...p.views);
    return p.value;
  });
  return { rows: out, views };
}
