/**
 * CSV for exports (RFC 4180): UTF-8 with a byte-order mark so spreadsheet programs read Chinese
 * correctly, CRLF line ends, every field quoted when it must be. A text cell that starts like a
 * formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`, so an export opened in a spreadsheet
 * never runs what someone typed into a filing (CSV injection).
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

function cell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? (FORMULA.test(v) ? `'${v}` : v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV document of a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
