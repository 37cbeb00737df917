import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes a BOM, CRLF lines, quotes what needs quoting and defuses formulas', () => {
    const out = toCsv(
      ['名称', 'n'],
      [
        ['蓝天, "北碚"', 3],
        ['=HYPERLINK("x")', -2],
        [null, true],
      ],
    );
    expect(out).toBe('\uFEFF名称,n\r\n"蓝天, ""北碚""",3\r\n"\'=HYPERLINK(""x"")",-2\r\n,true\r\n');
  });
});
