import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  WARNING_CATEGORIES,
  WARNING_LEVEL_LABELS,
  type TPublicWarning,
  type TWarningArea,
  type WarningCategory,
  type WarningLevel,
} from '@muster/contracts';
import type { MonitoringDeps } from './deps.ts';
import { xmlText } from './cap/cap-writer.ts';
import { monitoringCapMessages, monitoringWarnings } from './tables.ts';

const FEED_ENTRIES = 100;
const EMPTY_AREA: TWarningArea = { description: '—', codes: [], polygons: [], circles: [] };

/**
 * Warnings in force for the public page: real ones only (never an exercise), and only what a
 * warning says in public — no account, no proposer, no person.
 */
export async function currentPublicWarnings(
  d: MonitoringDeps,
): Promise<{ items: TPublicWarning[]; at: string }> {
  const rows = await d.db
    .select()
    .from(monitoringWarnings)
    .where(
      and(
        inArray(monitoringWarnings.status, ['issued', 'adjusted']),
        eq(monitoringWarnings.exercise, false),
      ),
    )
    .orderBy(desc(monitoringWarnings.issuedAt));
  const caps = rows.length
    ? await d.db
        .select({
          warningId: monitoringCapMessages.warningId,
          identifier: monitoringCapMessages.identifier,
        })
        .from(monitoringCapMessages)
        .where(
          inArray(
            monitoringCapMessages.warningId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(desc(monitoringCapMessages.sentAt))
    : [];
  const items = rows.map((w): TPublicWarning => {
    const category = w.category as WarningCategory;
    const level = w.level as WarningLevel;
    const cat = WARNING_CATEGORIES[category];
    return {
      id: w.id,
      origin: w.origin as TPublicWarning['origin'],
      issuer: w.senderName ?? w.issuer,
      category,
      categoryLabel: { zh: cat.zh, en: cat.en },
      level,
      levelLabel: WARNING_LEVEL_LABELS[level],
      headline: w.headline,
      headlineEn: w.headlineEn,
      area: w.area ?? EMPTY_AREA,
      onset: w.onset?.toISOString() ?? null,
      expiresAt: w.expiresAt?.toISOString() ?? null,
      issuedAt: w.issuedAt?.toISOString() ?? null,
      adjustedAt: w.adjustedAt?.toISOString() ?? null,
      impacts: w.impacts,
      measures: w.measures ?? [],
      advice: w.advice,
      capIdentifier: caps.find((c) => c.warningId === w.id)?.identifier ?? null,
    };
  });
  return { items, at: d.clock.now().toISOString() };
}

/**
 * An Atom feed (RFC 4287) of the CAP messages Muster published: `Actual` for the public feed,
 * `Exercise` for the drill feed — the two never mix. Each entry links to its CAP document.
 */
export async function capAtomFeed(
  d: MonitoringDeps,
  status: 'Actual' | 'Exercise',
  base: string,
): Promise<string> {
  const rows = await d.db
    .select({
      identifier: monitoringCapMessages.identifier,
      msgType: monitoringCapMessages.msgType,
      sentAt: monitoringCapMessages.sentAt,
      headline: monitoringWarnings.headline,
      level: monitoringWarnings.level,
    })
    .from(monitoringCapMessages)
    .innerJoin(monitoringWarnings, eq(monitoringWarnings.id, monitoringCapMessages.warningId))
    .where(
      and(
        eq(monitoringCapMessages.status, status),
        eq(monitoringCapMessages.external, false),
        eq(monitoringCapMessages.sender, d.capSender),
      ),
    )
    .orderBy(desc(monitoringCapMessages.sentAt))
    .limit(FEED_ENTRIES);
  const exercise = status === 'Exercise';
  const self = `${base}/api/public/cap/${exercise ? 'exercise' : 'feed'}.atom`;
  const updated = (rows[0]?.sentAt ?? d.clock.now()).toISOString();
  const verb = { Alert: '发布', Update: '调整', Cancel: '解除' } as Record<string, string>;
  const entries = rows
    .map((r) => {
      const url = `${base}/api/public/cap/messages/${encodeURIComponent(r.identifier)}`;
      const level = WARNING_LEVEL_LABELS[r.level as WarningLevel].zh;
      const title = `${exercise ? '【演练】' : ''}${verb[r.msgType] ?? r.msgType}：${r.headline}（${level}）`;
      return `  <entry>
    <id>urn:cap:${xmlText(d.capSender)}:${xmlText(r.identifier)}</id>
    <title>${xmlText(title)}</title>
    <updated>${r.sentAt.toISOString()}</updated>
    <link rel="alternate" type="application/cap+xml" href="${xmlText(url)}"/>
    <category term="${xmlText(r.msgType)}"/>
    <summary>${xmlText(title)}</summary>
  </entry>\n`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>urn:muster:cap:${exercise ? 'exercise' : 'actual'}:${xmlText(d.capSender)}</id>
  <title>${xmlText(d.capSenderName)} ${exercise ? '演练预警（非真实）Exercise warnings — not real' : '突发事件预警信息 Warnings'}</title>
  <updated>${updated}</updated>
  <author><name>${xmlText(d.capSenderName)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>
${entries}</feed>
`;
}
