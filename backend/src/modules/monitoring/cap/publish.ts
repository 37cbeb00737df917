import { and, asc, eq } from 'drizzle-orm';
import type { WarningCategory, WarningLevel } from '@muster/contracts';
import type { Tx } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import type { MonitoringDeps } from '../deps.ts';
import { monitoringCapMessages, type monitoringWarnings } from '../tables.ts';
import { readCap } from './cap-doc.ts';
import { profileProblems } from './cap-profile.ts';
import { writeCap, type CapMsgType } from './cap-writer.ts';

type WarningRow = typeof monitoringWarnings.$inferSelect;

/**
 * Writes the CAP message of one published step of a warning (issue → Alert, adjust → Update,
 * lift or expiry → Cancel) in the step's transaction, referencing every earlier message of the
 * warning. The message is read back and held to the profile before it is stored: a message that
 * breaks it is a bug, and the step fails rather than publish it. Returns its identifier.
 */
export async function publishCap(
  d: MonitoringDeps,
  tx: Tx,
  w: WarningRow,
  msgType: CapMsgType,
  at: Date,
  note?: string,
): Promise<string> {
  const earlier = await tx
    .select({
      sender: monitoringCapMessages.sender,
      identifier: monitoringCapMessages.identifier,
      sent: monitoringCapMessages.sent,
    })
    .from(monitoringCapMessages)
    .where(
      and(eq(monitoringCapMessages.warningId, w.id), eq(monitoringCapMessages.external, false)),
    )
    .orderBy(asc(monitoringCapMessages.sentAt), asc(monitoringCapMessages.createdAt));
  const identifier = `MUSTER-${newId()}`;
  const { xml, sent } = writeCap({
    identifier,
    sender: d.capSender,
    senderName: w.issuer ?? d.capSenderName,
    sent: at,
    msgType,
    exercise: w.exercise,
    references: earlier,
    note,
    warning: {
      category: w.category as WarningCategory,
      level: w.level as WarningLevel,
      headline: w.headline,
      headlineEn: w.headlineEn,
      area: w.area!,
      onset: w.onset,
      expiresAt: w.expiresAt,
      impacts: w.impacts,
      impactsEn: w.impactsEn,
      measures: w.measures ?? [],
      advice: w.advice,
      adviceEn: w.adviceEn,
    },
  });
  const problems = profileProblems(readCap(xml), { own: true, exercise: w.exercise, earlier });
  if (problems.length > 0) throw new Error(`CAP writer broke the profile: ${problems.join('; ')}`);
  await tx.insert(monitoringCapMessages).values({
    sender: d.capSender,
    identifier,
    sent,
    sentAt: at,
    msgType,
    status: w.exercise ? 'Exercise' : 'Actual',
    warningId: w.id,
    external: false,
    references: earlier.map((r) => `${r.sender},${r.identifier},${r.sent}`),
    xml,
    createdAt: at,
  });
  return identifier;
}
