import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { toCsv } from './csv.ts';
import { columnName, toXlsx } from './xlsx.ts';

describe('table exports (small)', () => {
  it('writes RFC 4180 CSV with a BOM, quoting what needs it and defusing formulas', () => {
    const csv = toCsv(
      ['名称', 'n'],
      [
        ['a,"b"', 1],
        ['=HYPERLINK("x")', -2],
        [null, undefined],
      ],
    );
    expect(csv).toBe('\uFEFF名称,n\r\n"a,""b""",1\r\n"\'=HYPERLINK(""x"")",-2\r\n,\r\n');
  });

  it('writes a workbook whose sheet holds escaped text and plain numbers', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    const files = unzipSync(
      toXlsx(
        '台账[1]',
        ['a', 'b'],
        [
          ['<x>&\u0001', 24690],
          ['@cmd', null],
        ],
      ),
    );
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">&lt;x&gt;&amp;</t></is></c>',
    );
    expect(sheet).toContain('<c r="B2"><v>24690</v></c>');
    expect(sheet).toContain('<t xml:space="preserve">\'@cmd</t>');
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('name="台账 1 "');
  });
});
