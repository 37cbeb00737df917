import { desc, eq } from 'drizzle-orm';
import type { TLossAssessment } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { RESPONSE_LEGAL_BASIS, type ResponseDeps } from './deps.ts';
import { recordNow, recordOf } from './record-clock.ts';
import { recordAct } from './acts.ts';
import { yuan } from './format.ts';
import { findIncident, lockIncident, requireStatus } from './incident-reader.ts';
import { responseFindings, responseLossAssessments } from './tables.ts';

type LossRow = typeof responseLossAssessments.$inferSelect;
type LossInput = Omit<
  TLossAssessment,
  'id' | 'incidentId' | 'directLossFen' | 'assessedAt' | 'assessedBy'
>;

function lossView(r: LossRow): TLossAssessment {
  return {
    id: r.id,
    incidentId: r.incidentId,
    criteria: r.criteria,
    items: r.items,
    notes: r.notes,
    directLossFen: r.directLossFen,
    assessedAt: r.assessedAt.toISOString(),
    assessedBy: r.assessedBy,
  };
}

/** Records a loss assessment (art. 87); the direct loss is the sum of its items, in fen. */
export async function assessLoss(
  d: ResponseDeps,
  viewer: Viewer,
  incidentId: string,
  b: LossInput,
): Promise<TLossAssessment> {
  return d.db.transaction(async (tx) => {
    const inc = await lockIncident(tx, incidentId);
    requireStatus(inc, 'responding', 'recovery');
    const now = recordNow(d, inc);
    const directLossFen = b.items.reduce((s, i) => s + i.lossFen, 0);
    const [row] = await tx
      .insert(responseLossAssessments)
      .values({
        id: newId(),
        incidentId,
        criteria: b.criteria,
        items: b.items,
        notes: b.notes,
        directLossFen,
        assessedAt: now,
        assessedBy: viewer.accountId,
        ...recordOf(inc),
      })
      .returning();
    await recordAct(
      d,
      tx,
      inc,
      { actor: viewer.accountId, at: now },
      {
        line: {
          kind: 'recovery.loss_assessed',
          zh: `损失评估：直接经济损失 ${yuan(directLossFen)} 元，死亡 ${b.criteria.deaths} 人，失踪 ${b.criteria.missing} 人`,
          en: `Loss assessed: direct loss ¥${yuan(directLossFen)}, ${b.criteria.deaths} dead, ${b.criteria.missing} missing`,
          data: { directLossFen, deaths: b.criteria.deaths, missing: b.criteria.missing },
        },
        audit: {
          action: 'response.recovery.loss_assessed',
          legalBasis: RESPONSE_LEGAL_BASIS.recovery,
          detail: { directLossFen },
        },
      },
    );
    return lossView(row!);
  });
}

export async function lossesOf(db: Executor, incidentId: string): Promise<TLossAssessment[]> {
  await findIncident(db, incidentId);
  const rows = await db
    .select()
    .from(responseLossAssessments)
    .where(eq(responseLossAssessments.incidentId, incidentId))
    .orderBy(desc(responseLossAssessments.assessedAt));
  return rows.map(lossView);
}

type FindingsInput = { course: string; causes: string; lessons: string; improvements: string };

/** The office's findings for the evaluation (art. 92); written again as the investigation goes on. */
export async function putFindings(
  d: ResponseDeps,
  viewer: Viewer,
  incidentId: string,
  b: FindingsInput,
) {
  return d.db.transaction(async (tx) => {
    const inc = await lockIncident(tx, incidentId);
    requireStatus(inc, 'responding', 'recovery', 'closed');
    const now = recordNow(d, inc);
    const values = { ...b, updatedAt: now, updatedBy: viewer.accountId };
    await tx
      .insert(responseFindings)
      .values({ incidentId, ...values })
      .onConflictDoUpdate({ target: responseFindings.incidentId, set: values });
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'response.evaluation.findings_set',
        subjectType: 'incident',
        subjectId: incidentId,
        legalBasis: RESPONSE_LEGAL_BASIS.recovery,
      },
      tx,
    );
    return { ...b, updatedAt: now.toISOString(), updatedBy: viewer.accountId };
  });
}

export async function findingsOf(db: Executor, incidentId: string) {
  const [r] = await db
    .select()
    .from(responseFindings)
    .where(eq(responseFindings.incidentId, incidentId));
  return r
    ? {
        course: r.course,
        causes: r.causes,
        lessons: r.lessons,
        improvements: r.improvements,
        updatedAt: r.updatedAt.toISOString(),
        updatedBy: r.updatedBy,
      }
    : null;
}
