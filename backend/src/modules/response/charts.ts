import { RESPONSE_LEVELS, type ResponseLevel } from '@muster/contracts';
import { esc } from './format.ts';

/*
 * Charts for the printable evaluation, drawn as inline SVG by hand: the page must print with
 * no script and no remote resource, and a chart library would bring both.
 */

export interface BarRow {
  label: string;
  segments: { value: number; color: string; title?: string }[];
  /** Text printed after the bar, e.g. 12 分钟. */
  note: string;
}

/** Horizontal (stacked) bars, one row per item, scaled to the largest total. */
export function barChart(
  rows: readonly BarRow[],
  o: { width?: number; labelWidth?: number } = {},
): string {
  if (rows.length === 0) return '<p class="empty">无数据 No data</p>';
  const width = o.width ?? 640;
  const labelW = o.labelWidth ?? 200;
  const noteW = 110;
  const rowH = 22;
  const barW = width - labelW - noteW;
  const max = Math.max(
    1,
    ...rows.map((r) => r.segments.reduce((s, x) => s + Math.max(0, x.value), 0)),
  );
  const body = rows
    .map((r, i) => {
      const y = i * rowH;
      let x = labelW;
      const bars = r.segments
        .map((s) => {
          const w = (Math.max(0, s.value) / max) * barW;
          const rect = `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${s.color}">${s.title ? `<title>${esc(s.title)}</title>` : ''}</rect>`;
          x += w;
          return rect;
        })
        .join('');
      return `<text x="${labelW - 6}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(r.label)}</text>${bars}<text x="${(x + 6).toFixed(1)}" y="${y + rowH / 2 + 4}">${esc(r.note)}</text>`;
    })
    .join('');
  const h = rows.length * rowH;
  return `<svg class="chart" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" font-size="11">${body}</svg>`;
}

/** The response level over time as a step line: I at the top, none at the bottom. */
export function levelChart(
  points: readonly { at: string; level: ResponseLevel | null }[],
  from: string,
  to: string,
  o: { width?: number } = {},
): string {
  if (points.length === 0) return '<p class="empty">未启动应急响应 No response was activated</p>';
  const width = o.width ?? 640;
  const left = 70;
  const height = 150;
  const rows = [...RESPONSE_LEVELS, null];
  const y = (l: ResponseLevel | null) => 10 + rows.indexOf(l) * 30;
  const t0 = Date.parse(from);
  const t1 = Math.max(Date.parse(to), t0 + 60_000);
  const x = (t: string) => left + ((Date.parse(t) - t0) / (t1 - t0)) * (width - left - 10);
  let path = `M ${left} ${y(null)}`;
  for (const p of points) path += ` H ${x(p.at).toFixed(1)} V ${y(p.level)}`;
  path += ` H ${(width - 10).toFixed(1)}`;
  const grid = rows
    .map(
      (l) =>
        `<line x1="${left}" x2="${width - 10}" y1="${y(l)}" y2="${y(l)}" stroke="#ddd"/><text x="${left - 6}" y="${y(l) + 4}" text-anchor="end">${l ? `${l} 级` : '无 none'}</text>`,
    )
    .join('');
  return `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="11">${grid}<path d="${path}" fill="none" stroke="#c0392b" stroke-width="2"/></svg>`;
}

export const COLORS = {
  ok: '#2e7d32',
  late: '#ef6c00',
  missed: '#c62828',
  pending: '#9e9e9e',
  info: '#1565c0',
} as const;
