import { and, count, eq, isNull } from 'drizzle-orm';
import {
  AppError,
  REPORT_KIND_LABELS,
  type ReportKind,
  type TReportDraftUpdate,
  type TReportRequest,
} from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { RESPONSE_LEGAL_BASIS, type ResponseDeps } from './deps.ts';
import { recordNow, recordOf } from './record-clock.ts';
import { recordAct } from './acts.ts';
import { dropReportPeople, storePeople } from './people.ts';
import { openDeadline, satisfyDeadline } from './deadline-store.ts';
import { lockIncident, requireStatus, type IncidentRow } from './incident-reader.ts';
import { lockReport, type ReportRow } from './report-reader.ts';
import { responseIncidents, responseReports } from './tables.ts';

const contentOf = (b: TReportDraftUpdate) => ({
  summary: b.summary,
  criteria: b.criteria,
  measures: b.measures,
  recipients: b.recipients,
  skipLevel: b.skipLevel,
  skipLevelReason: b.skipLevel ? (b.skipLevelReason ?? null) : null,
  peopleCount: b.people.length,
});

/** The submitted, uncorrected report of a kind that may exist once (initial, final). */
async function existingSingle(tx: Tx, incidentId: string, kind: ReportKind): Promise<boolean> {
  if (kind === 'follow_up') return false;
  const [r] = await tx
    .select({ n: count() })
    .from(responseReports)
    .where(
      and(
        eq(responseReports.incidentId, incidentId),
        eq(responseReports.kind, kind),
        eq(responseReports.status, 'submitted'),
        isNull(responseReports.corrects),
      ),
    );
  return (r?.n ?? 0) > 0;
}

/** What any report of this kind needs of its incident (checked at filing and at submission). */
async function checkKind(tx: Tx, inc: IncidentRow, kind: ReportKind, corrects: string | null) {
  requireStatus(inc, 'reported', 'responding', 'recovery');
  if (corrects) {
    const [orig] = await tx.select().from(responseReports).where(eq(responseReports.id, corrects));
    if (!orig || orig.incidentId !== inc.id || orig.kind !== kind || orig.status !== 'submitted')
      throw new AppError('response.correction_invalid', corrects);
    return orig;
  }
  if (kind === 'final' && inc.status === 'responding')
    throw new AppError('response.final_before_end');
  if (await existingSingle(tx, inc.id, kind))
    throw new AppError('response.report_exists', REPORT_KIND_LABELS[kind].zh);
  return undefined;
}

/** Files a report as a draft, or submits it at once; the people it names are stored apart. */
export async function fileReport(
  d: ResponseDeps,
  viewer: Viewer,
  incidentId: string,
  b: TReportRequest,
): Promise<string> {
  const id = newId();
  await d.db.transaction(async (tx) => {
    const inc = await lockIncident(tx, incidentId);
    await checkKind(tx, inc, b.kind, b.corrects ?? null);
    const now = recordNow(d, inc);
    await tx.insert(responseReports).values({
      id,
      incidentId,
      kind: b.kind,
      status: 'draft',
      corrects: b.corrects ?? null,
      ...contentOf(b),
      createdAt: now,
      createdBy: viewer.accountId,
      ...recordOf(inc),
    });
    await storePeople(tx, d.sealer, { incidentId, reportId: id, at: now }, b.people);
    if (b.submit) await submitInTx(d, tx, viewer, inc, await lockReport(tx, id));
  });
  return id;
}

/** Replaces a draft. A submitted report never changes: a correction is a new report. */
export async function editReport(
  d: ResponseDeps,
  viewer: Viewer,
  id: string,
  b: TReportDraftUpdate,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const rep = await lockReport(tx, id);
    if (rep.status !== 'draft') throw new AppError('response.report_submitted');
    const inc = await lockIncident(tx, rep.incidentId);
    requireStatus(inc, 'reported', 'responding', 'recovery');
    await tx.update(responseReports).set(contentOf(b)).where(eq(responseReports.id, id));
    await dropReportPeople(tx, id);
    await storePeople(
      tx,
      d.sealer,
      { incidentId: inc.id, reportId: id, at: recordNow(d, inc) },
      b.people,
    );
  });
}

export async function submitReport(d: ResponseDeps, viewer: Viewer, id: string): Promise<void> {
  await d.db.transaction(async (tx) => {
    const rep = await lockReport(tx, id);
    if (rep.status !== 'draft') throw new AppError('response.report_submitted');
    await submitInTx(d, tx, viewer, await lockIncident(tx, rep.incidentId), rep);
  });
}

/**
 * Submission: numbered, meets the earliest open deadline of its kind (a correction meets none),
 * and a follow-up during an active response starts the next follow-up's countdown.
 */
async function submitInTx(
  d: ResponseDeps,
  tx: Tx,
  viewer: Viewer,
  inc: IncidentRow,
  rep: ReportRow,
) {
  const kind = rep.kind as ReportKind;
  const orig = await checkKind(tx, inc, kind, rep.corrects);
  const now = recordNow(d, inc);
  let sequence = orig?.sequence ?? 1;
  let met: { id: string; late: boolean } | undefined;
  if (!orig) {
    const [n] = await tx
      .select({ n: count() })
      .from(responseReports)
      .where(
        and(
          eq(responseReports.incidentId, inc.id),
          eq(responseReports.kind, kind),
          eq(responseReports.status, 'submitted'),
          isNull(responseReports.corrects),
        ),
      );
    sequence = (n?.n ?? 0) + 1;
    met = await satisfyDeadline(tx, inc.id, kind, rep.id, now);
    if (kind === 'follow_up' && inc.status === 'responding')
      await openDeadline(tx, inc, 'follow_up', now, now);
  }
  await tx
    .update(responseReports)
    .set({
      status: 'submitted',
      sequence,
      submittedAt: now,
      submittedBy: viewer.accountId,
      deadlineId: met?.id ?? null,
      late: met ? met.late : null,
    })
    .where(eq(responseReports.id, rep.id));
  await tx
    .update(responseIncidents)
    .set({ criteria: rep.criteria, updatedAt: now })
    .where(eq(responseIncidents.id, inc.id));
  const label = REPORT_KIND_LABELS[kind];
  const ordinal = kind === 'follow_up' ? `第 ${sequence} 次` : '';
  await recordAct(
    d,
    tx,
    inc,
    { actor: viewer.accountId, at: now },
    {
      line: {
        kind: 'report.submitted',
        zh: `报送${ordinal}${label.zh}${orig ? '（更正）' : ''}${rep.skipLevel ? '（越级上报）' : ''}${met?.late ? '，已超时' : ''}`,
        en: `${label.en}${kind === 'follow_up' ? ` #${sequence}` : ''} submitted${orig ? ' (correction)' : ''}${rep.skipLevel ? ' (skip-level)' : ''}${met?.late ? ', late' : ''}`,
        data: {
          reportId: rep.id,
          kind,
          sequence,
          late: met ? met.late : null,
          corrects: rep.corrects,
          skipLevel: rep.skipLevel,
        },
      },
      events: [
        {
          type: 'response.report.submitted',
          data: {
            incidentId: inc.id,
            reportId: rep.id,
            kind,
            sequence,
            submittedAt: now.toISOString(),
            skipLevel: rep.skipLevel,
            ...(rep.corrects ? { corrects: rep.corrects } : {}),
            ...(met ? { onTime: !met.late } : {}),
            peopleCount: rep.peopleCount,
          },
        },
      ],
      audit: {
        action: 'response.report.submitted',
        subjectType: 'report',
        subjectId: rep.id,
        legalBasis: RESPONSE_LEGAL_BASIS.reporting,
        detail: { incidentId: inc.id, kind, sequence, people: rep.peopleCount },
      },
    },
  );
}
