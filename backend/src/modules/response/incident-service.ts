import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  AppError,
  INCIDENT_GRADE_LABELS,
  type IncidentCategory,
  type IncidentGrade,
  type TIncidentCriteria,
  type TReportIncidentRequest,
  ZIncidentCriteria,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import { adminAreas } from '../../platform/geo/tables.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { RESPONSE_LEGAL_BASIS, type ResponseDeps } from './deps.ts';
import { recordNow } from './record-clock.ts';
import { recordAct } from './acts.ts';
import { appendTimeline } from './timeline.ts';
import { storePeople } from './people.ts';
import { cancelDeadlines, openDeadline, retimeDeadlines } from './deadline-store.ts';
import { gradingRuleFor } from './rules.ts';
import { suggestGrade } from './grading.ts';
import { lockIncident, requireStatus } from './incident-reader.ts';
import { warningLinesFor } from './warning-lines.ts';
import { responseIncidents, responseReports } from './tables.ts';

/** Area codes must name areas the platform knows (GB/T 2260, seeded by platform/geo). */
async function checkAreas(db: Executor, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const known = new Set(
    (
      await db
        .select({ code: adminAreas.code })
        .from(adminAreas)
        .where(inArray(adminAreas.code, [...codes]))
    ).map((r) => r.code),
  );
  const issues = codes.flatMap((c, i) =>
    known.has(c)
      ? []
      : [{ path: `body.areaCodes.${i}`, message: `未知的行政区划代码 ${c} / unknown area code` }],
  );
  if (issues.length > 0)
    throw new AppError('request.invalid', issues.map((i) => i.path).join(', '), issues);
}

/** The office learns of an incident: it is opened and its initial report falls due. */
export async function reportIncident(
  d: ResponseDeps,
  viewer: Viewer,
  b: TReportIncidentRequest,
): Promise<string> {
  const id = newId();
  const rec = { id, exercise: b.exercise, drillRunId: b.drillRunId ?? null };
  const now = recordNow(d, rec);
  const awareAt = new Date(b.awareAt);
  if (awareAt > now)
    throw new AppError('request.invalid', 'body.awareAt', [
      {
        path: 'body.awareAt',
        message: '获悉时间不能晚于现在 / the time of awareness cannot be in the future',
      },
    ]);
  await checkAreas(d.db, b.areaCodes);
  const criteria: TIncidentCriteria = b.criteria ?? ZIncidentCriteria.parse({});
  await d.db.transaction(async (tx) => {
    await tx.insert(responseIncidents).values({
      id,
      title: b.title,
      category: b.category,
      subtype: b.subtype,
      description: b.description,
      source: b.source,
      sourceDetail: b.sourceDetail ?? null,
      warningId: b.warningId ?? null,
      awareAt,
      locationLon: b.location?.lon ?? null,
      locationLat: b.location?.lat ?? null,
      areaCodes: b.areaCodes,
      exercise: rec.exercise,
      drillRunId: rec.drillRunId,
      status: 'reported',
      criteria,
      createdBy: viewer.accountId,
      createdAt: now,
      updatedAt: now,
    });
    if (b.reporter)
      await storePeople(tx, d.sealer, { incidentId: id, reportId: null, at: now }, [
        { role: 'reporter', ...b.reporter },
      ]);
    await openDeadline(tx, { ...rec, category: b.category, grade: null }, 'initial', awareAt, now);
    if (b.warningId) await appendTimeline(tx, await warningLinesFor(tx, b.warningId, [rec]));
    await recordAct(
      d,
      tx,
      rec,
      { actor: viewer.accountId, at: awareAt },
      {
        line: {
          kind: 'incident.reported',
          zh: `接报：${b.title}`,
          en: `Incident reported: ${b.title}`,
          data: { category: b.category, subtype: b.subtype, source: b.source },
        },
        events: [
          {
            type: 'response.incident.reported',
            data: {
              incidentId: id,
              title: b.title,
              category: b.category,
              subtype: b.subtype,
              source: b.source,
              awareAt: awareAt.toISOString(),
              ...(b.location ? { location: b.location } : {}),
              areaCodes: b.areaCodes,
              ...(b.warningId ? { warningId: b.warningId } : {}),
            },
          },
        ],
        audit: {
          action: 'response.incident.reported',
          legalBasis: RESPONSE_LEGAL_BASIS.reporting,
          detail: { exercise: rec.exercise, reporter: b.reporter !== undefined },
        },
      },
    );
  });
  return id;
}

/**
 * Grades (or re-grades) an incident. The criteria suggest a grade; choosing another needs a
 * reason. Reports not yet due are timed again under the new grade's rule.
 */
export async function gradeIncident(
  d: ResponseDeps,
  viewer: Viewer,
  id: string,
  b: { grade: IncidentGrade; criteria: TIncidentCriteria; reason?: string | undefined },
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const row = await lockIncident(tx, id);
    requireStatus(row, 'reported', 'responding', 'recovery');
    const rule = await gradingRuleFor(tx, row.category as IncidentCategory, row.subtype);
    const suggested = suggestGrade(b.criteria, rule.thresholds, {
      category: row.category as IncidentCategory,
      subtype: rule.subtype,
    }).grade;
    if (b.grade !== suggested && !b.reason)
      throw new AppError('request.invalid', 'body.reason', [
        {
          path: 'body.reason',
          message: `所定级别与依据数据建议的 ${suggested} 级不同，须说明理由 / the criteria suggest grade ${suggested}: say why you chose ${b.grade}`,
        },
      ]);
    const now = recordNow(d, row);
    await tx
      .update(responseIncidents)
      .set({ grade: b.grade, gradedAt: now, criteria: b.criteria, updatedAt: now })
      .where(eq(responseIncidents.id, id));
    await retimeDeadlines(tx, { ...row, grade: b.grade });
    const label = INCIDENT_GRADE_LABELS[b.grade];
    await recordAct(
      d,
      tx,
      row,
      { actor: viewer.accountId, at: now },
      {
        line: {
          kind: 'incident.graded',
          zh: `定级：${label.zh}（${b.grade} 级）${b.reason ? `，理由：${b.reason}` : ''}`,
          en: `Graded ${label.en}${b.reason ? `; reason: ${b.reason}` : ''}`,
          data: { grade: b.grade, previousGrade: row.grade, suggested },
        },
        events: [
          {
            type: 'response.incident.graded',
            data: {
              incidentId: id,
              grade: b.grade,
              previousGrade: (row.grade as IncidentGrade | null) ?? null,
              gradedAt: now.toISOString(),
            },
          },
        ],
        audit: {
          action: 'response.incident.graded',
          legalBasis: RESPONSE_LEGAL_BASIS.grading,
          detail: { grade: b.grade, suggested, previous: row.grade },
        },
      },
    );
  });
}

/**
 * Ends the response work (art. 86): the incident closes, every grant it justified ends and its
 * personal information is destroyed (the platform does both on `response.incident.closed`).
 * A final report must be on file first: after this the people it names are gone.
 */
export async function closeIncident(d: ResponseDeps, viewer: Viewer, id: string): Promise<void> {
  await d.db.transaction(async (tx) => {
    const row = await lockIncident(tx, id);
    requireStatus(row, 'reported', 'recovery');
    const [final] = await tx
      .select({ id: responseReports.id })
      .from(responseReports)
      .where(
        and(
          eq(responseReports.incidentId, id),
          eq(responseReports.kind, 'final'),
          eq(responseReports.status, 'submitted'),
          isNull(responseReports.corrects),
        ),
      )
      .limit(1);
    if (!final) throw new AppError('response.final_report_missing');
    const now = recordNow(d, row);
    await tx
      .update(responseIncidents)
      .set({ status: 'closed', closedAt: now, updatedAt: now })
      .where(eq(responseIncidents.id, id));
    await cancelDeadlines(tx, id, now);
    await recordAct(
      d,
      tx,
      row,
      { actor: viewer.accountId, at: now },
      {
        line: {
          kind: 'incident.closed',
          zh: '事件关闭，应急处置工作结束；收集的个人信息将依法销毁',
          en: 'Incident closed: the response work has ended; personal information gathered for it is destroyed',
        },
        events: [
          {
            type: 'response.incident.closed',
            data: { incidentId: id, closedAt: now.toISOString() },
          },
        ],
        audit: { action: 'response.incident.closed', legalBasis: RESPONSE_LEGAL_BASIS.ending },
      },
    );
  });
}
