import { and, eq, inArray, or } from 'drizzle-orm';
import { AppError, type WarningLevel } from '@muster/contracts';
import type { Tx } from '../../../platform/db/client.ts';
import type { Viewer } from '../../../platform/access/viewer.ts';
import { newId } from '../../../platform/ids.ts';
import { uniqueViolation } from '../../../platform/db/errors.ts';
import { WARNING_LEGAL_BASIS, type MonitoringDeps } from '../deps.ts';
import { deliver, departmentsForWarning } from '../inbox.ts';
import { monitoringCapMessages, monitoringWarnings } from '../tables.ts';
import { readCap, type CapDoc } from './cap-doc.ts';
import { areaOf, categoryOf, englishInfo, levelOf, primaryInfo } from './cap-map.ts';
import { parseReferences, profileProblems } from './cap-profile.ts';
import { parseCapTime } from './cap-time.ts';
import { xsdErrors } from './cap-xsd.ts';

export interface ImportResult {
  warningId: string | null;
  identifier: string;
  msgType: string;
  status: string;
  duplicate: boolean;
}

const invalid = (problems: readonly string[]) =>
  new AppError(
    'monitoring.cap_invalid',
    problems.slice(0, 3).join('; ') + (problems.length > 3 ? ` (+${problems.length - 3})` : ''),
  );

/**
 * Checks an upstream alert in order — safe parse (size, no DTD or entities, depth, well-formed),
 * the OASIS XSD, what Muster imports (Alert/Update/Cancel, Actual/Exercise, a level), the profile
 * — and refuses it with the first failing check's clear error.
 */
export async function checkImport(xml: string): Promise<{ doc: CapDoc; level: WarningLevel }> {
  const doc = readCap(xml);
  const schema = await xsdErrors(xml);
  if (schema.length > 0) throw invalid(schema);
  const problems: string[] = [];
  if (!['Alert', 'Update', 'Cancel'].includes(doc.msgType))
    problems.push(`msgType ${doc.msgType} is not imported (Alert, Update or Cancel)`);
  if (!['Actual', 'Exercise'].includes(doc.status))
    problems.push(`status ${doc.status} is not imported (Actual or Exercise)`);
  const info = primaryInfo(doc);
  const level = info ? levelOf(info) : undefined;
  if (!info) problems.push('an <info> block is needed');
  else if (!level) problems.push('no level: give the parameter 预警级别 or a severity');
  problems.push(...profileProblems(doc));
  if (problems.length > 0 || !level) throw invalid(problems);
  return { doc, level };
}

async function referencedWarning(tx: Tx, doc: CapDoc): Promise<string> {
  const refs = parseReferences(doc.references).filter((r) => r !== undefined);
  const rows = await tx
    .select({ warningId: monitoringCapMessages.warningId })
    .from(monitoringCapMessages)
    .where(
      or(
        ...refs.map((r) =>
          and(
            eq(monitoringCapMessages.sender, r.sender),
            eq(monitoringCapMessages.identifier, r.identifier),
          ),
        ),
      ),
    );
  const id = rows.find((r) => r.warningId)?.warningId;
  if (!id)
    throw new AppError('monitoring.cap_unknown_reference', refs.map((r) => r.identifier).join(' '));
  return id;
}

/** Imports an upstream agency's alert as an external warning (or updates or cancels one). */
export async function importCap(
  d: MonitoringDeps,
  viewer: Viewer,
  xml: string,
): Promise<ImportResult> {
  const { doc, level } = await checkImport(xml);
  const info = primaryInfo(doc)!;
  const en = englishInfo(doc);
  const sentAt = parseCapTime(doc.sent)!;
  const now = d.clock.now();
  const base = { identifier: doc.identifier, msgType: doc.msgType, status: doc.status };
  const [seen] = await d.db
    .select()
    .from(monitoringCapMessages)
    .where(
      and(
        eq(monitoringCapMessages.sender, doc.sender),
        eq(monitoringCapMessages.identifier, doc.identifier),
      ),
    );
  if (seen) return { ...base, warningId: seen.warningId, duplicate: true };
  const exercise = doc.status === 'Exercise';
  const content = {
    level,
    category: categoryOf(info),
    headline: (info.headline ?? info.event).slice(0, 200) || doc.identifier,
    headlineEn: en?.headline?.slice(0, 200) ?? null,
    area: areaOf(info),
    onset: parseCapTime(info.onset ?? info.effective ?? doc.sent) ?? sentAt,
    expiresAt: info.expires ? (parseCapTime(info.expires) ?? null) : null,
    impacts: info.description?.slice(0, 4000) ?? null,
    impactsEn: en?.description?.slice(0, 4000) ?? null,
    measures: info.instruction ? [{ zh: info.instruction.slice(0, 500) }] : [],
    advice: null,
    issuer: info.senderName?.slice(0, 100) ?? doc.sender,
    senderName: info.senderName?.slice(0, 100) ?? doc.sender,
  };
  try {
    return await d.db.transaction(async (tx) => {
      let warningId: string;
      if (doc.msgType === 'Alert') {
        warningId = newId();
        await tx.insert(monitoringWarnings).values({
          id: warningId,
          status: 'issued',
          origin: 'external',
          exercise,
          ...content,
          proposedBy: viewer.accountId,
          issuedAt: sentAt,
          createdAt: now,
          updatedAt: now,
        });
      } else {
        warningId = await referencedWarning(tx, doc);
        const cancel = doc.msgType === 'Cancel';
        await tx
          .update(monitoringWarnings)
          .set(
            cancel
              ? {
                  status: 'lifted',
                  endedAt: sentAt,
                  endReason: doc.note?.slice(0, 1000) ?? 'Cancel',
                  updatedAt: now,
                }
              : { ...content, status: 'adjusted', adjustedAt: sentAt, updatedAt: now },
          )
          .where(
            and(
              eq(monitoringWarnings.id, warningId),
              inArray(monitoringWarnings.status, ['issued', 'adjusted']),
            ),
          );
      }
      await tx.insert(monitoringCapMessages).values({
        sender: doc.sender,
        identifier: doc.identifier,
        sent: doc.sent,
        sentAt,
        msgType: doc.msgType,
        status: doc.status,
        warningId,
        external: true,
        references: parseReferences(doc.references).map(
          (r) => `${r!.sender},${r!.identifier},${r!.sent}`,
        ),
        xml,
        createdAt: now,
      });
      await d.outbox.append(tx, [
        {
          type: 'monitoring.external_alert.imported',
          actor: viewer.accountId,
          exercise,
          data: {
            warningId,
            capIdentifier: doc.identifier,
            msgType: doc.msgType as 'Alert',
            level,
          },
        },
      ]);
      await deliver(
        tx,
        await departmentsForWarning(tx, { category: content.category, level, area: content.area }),
        {
          kind: 'warning',
          refId: warningId,
          occurrence: `${doc.sender},${doc.identifier}`,
          title: `上级预警 ${content.headline}`,
          level,
          exercise,
          at: now,
        },
      );
      await d.audit.append(
        {
          actor: viewer.accountId,
          action: 'monitoring.cap.imported',
          subjectType: 'warning',
          subjectId: warningId,
          legalBasis: WARNING_LEGAL_BASIS,
          detail: { msgType: doc.msgType, status: doc.status },
        },
        tx,
      );
      return { ...base, warningId, duplicate: false };
    });
  } catch (err) {
    // The same message imported by someone else a moment ago.
    if (uniqueViolation(err) === 'monitoring_cap_messages_sender_identifier_pk')
      return { ...base, warningId: null, duplicate: true };
    throw err;
  }
}
