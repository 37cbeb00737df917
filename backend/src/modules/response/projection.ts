import { ZIncident, ZReport, type TIncident, type TReport } from '@muster/contracts';
import { project, type Subject } from '../../platform/access/policy.ts';
import type { AuditInput } from '../../platform/access/audit-writer.ts';
import type { AnyViewer } from '../../platform/access/viewer.ts';
import type { ResponseDeps } from './deps.ts';

/**
 * People named for an incident belong to it: the incident is the purpose that justifies a view.
 * A commander sees them whole only for an incident they command (their `command` grant); the
 * office per its role; departments, observers, teams and the public never.
 */
const personOf = (incidentId: string, id: string): Subject => ({
  type: 'incident_person',
  id,
  deployedTo: new Set([incidentId]),
});

/** An incident for this viewer: the reporter's contact per the policy. */
export function projectIncident(
  viewer: AnyViewer,
  i: TIncident & { reporterId: string | null },
): TIncident {
  const { reporterId, ...incident } = i;
  return project(ZIncident, incident, {
    viewer,
    purpose: { incidentId: i.id },
    subjectOf: (_obj, path) =>
      path === 'reporter' && reporterId ? personOf(i.id, reporterId) : undefined,
  }).value;
}

/**
 * Reports for this viewer: each person's fields per the policy; every whole view of an ID
 * number or a condition is written to the audit chain before the answer leaves.
 */
export async function projectReports(
  d: Pick<ResponseDeps, 'audit'>,
  viewer: AnyViewer,
  reports: readonly TReport[],
): Promise<TReport[]> {
  const views: AuditInput[] = [];
  const out = reports.map((r) => {
    const p = project(ZReport, r, {
      viewer,
      purpose: { incidentId: r.incidentId },
      subjectOf: (obj, path) =>
        path.startsWith('people.') && typeof obj.id === 'string'
          ? personOf(r.incidentId, obj.id)
          : undefined,
    });
    views.push(...p.views);
    return p.value;
  });
  if (views.length > 0) await d.audit.append(views);
  return out;
}
