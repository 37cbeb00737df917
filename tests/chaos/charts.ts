/** One line of a chart: its points (x in minutes) and colour. */
export interface Series {
  name: string;
  colour: string;
  points: [number, number][];
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A line chart as inline SVG: no script, no library, readable in any browser or printed. */
export function lineChart(title: string, unit: string, series: Series[]): string {
  const W = 760;
  const H = 240;
  const pad = { l: 60, r: 16, t: 28, b: 34 };
  const all = series.flatMap((s) => s.points);
  const maxX = Math.max(1e-9, ...all.map((p) => p[0]));
  const maxY = Math.max(1e-9, ...all.map((p) => p[1])) * 1.1;
  const x = (v: number) => pad.l + (v / maxX) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / maxY) * (H - pad.t - pad.b);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * maxY);
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>` +
        `<text x="${pad.l - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${t < 10 ? t.toFixed(1) : Math.round(t)}</text>`,
    )
    .join('');
  const xticks = Array.from({ length: Math.min(10, Math.ceil(maxX)) + 1 }, (_, i) =>
    Math.min(maxX, (i * maxX) / Math.min(10, Math.ceil(maxX))),
  )
    .map(
      (t) =>
        `<text x="${x(t)}" y="${H - pad.b + 16}" text-anchor="middle" font-size="11">${t.toFixed(t < 10 ? 1 : 0)}</text>`,
    )
    .join('');
  const lines = series
    .map(
      (s) =>
        `<polyline fill="none" stroke="${s.colour}" stroke-width="1.6" points="${s.points
          .map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`)
          .join(' ')}"/>`,
    )
    .join('');
  const legend = series
    .map(
      (s, i) =>
        `<text x="${pad.l + 8 + i * 180}" y="${pad.t - 10}" font-size="12" fill="${s.colour}">■ ${esc(s.name)}</text>`,
    )
    .join('');
  return `<figure><figcaption>${esc(title)} (${esc(unit)}; x: minutes)</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">${grid}${xticks}${lines}${legend}</svg></figure>`;
}

/** A whole report page: a title, a table of figures, then the charts. */
export function htmlPage(
  title: string,
  figures: Record<string, number | string>,
  charts: string[],
): string {
  const rows = Object.entries(figures)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(String(v))}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:800px}th{text-align:left;padding-right:2em}figure{margin:2em 0}</style>
</head><body><h1>${esc(title)}</h1><table>${rows}</table>${charts.join('\n')}</body></html>\n`;
}
