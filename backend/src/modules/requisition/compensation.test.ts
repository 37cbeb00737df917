import { describe, expect, it } from 'vitest';
import { AppError, type TPropertyLineInput } from '@muster/contracts';
import { valueCallup } from './callup-compensation.ts';
import { valuePropertyLine } from './compensation.ts';
import { decimalOfNumber, decimalText, parseDecimal, roundHalfUp, sumFen } from './money.ts';

const item = '00000000-0000-4000-8000-000000000001';
const ev = [{ kind: 'invoice' as const, reference: 'INV-1' }];
const value = (l: Record<string, unknown>) =>
  valuePropertyLine({ itemId: item, ...l } as unknown as TPropertyLineInput, 'body.lines.0')
    .amountFen;

describe('compensation arithmetic (small): integer fen, one half-up rounding per line', () => {
  it('rounds exactly half up, and just under half down', () => {
    expect(roundHalfUp(5n, 10n)).toBe(1n);
    expect(roundHalfUp(4n, 10n)).toBe(0n);
    expect(roundHalfUp(15n, 10n)).toBe(2n);
    expect(roundHalfUp(1499n, 1000n)).toBe(1n);
    expect(roundHalfUp(1500n, 1000n)).toBe(2n);
  });

  it('rental: rate × days at the half-fen edges', () => {
    expect(value({ method: 'rental', dailyRateFen: 333, days: '0.5', evidence: ev })).toBe(167); // 166.5
    expect(value({ method: 'rental', dailyRateFen: 333, days: '0.499', evidence: ev })).toBe(166); // 166.167
    expect(value({ method: 'rental', dailyRateFen: 1, days: '0.5', evidence: ev })).toBe(1);
    expect(value({ method: 'rental', dailyRateFen: 1, days: '0.499', evidence: ev })).toBe(0);
    expect(value({ method: 'rental', dailyRateFen: 80_000, days: '3', evidence: ev })).toBe(
      240_000,
    );
    // A float would say 0.1 × 3 = 0.30000000000000004; decimals stay exact.
    expect(value({ method: 'rental', dailyRateFen: 10, days: '0.03', evidence: ev })).toBe(0);
    expect(value({ method: 'rental', dailyRateFen: 50, days: '0.03', evidence: ev })).toBe(2); // 1.5
  });

  it('replacement: value less depreciation percent', () => {
    expect(
      value({
        method: 'replacement',
        replacementValueFen: 999,
        depreciationPercent: '33.33',
        evidence: ev,
      }),
    ).toBe(666); // 666.0333
    expect(
      value({
        method: 'replacement',
        replacementValueFen: 1,
        depreciationPercent: '50',
        evidence: ev,
      }),
    ).toBe(1); // 0.5
    expect(
      value({
        method: 'replacement',
        replacementValueFen: 3,
        depreciationPercent: '50',
        evidence: ev,
      }),
    ).toBe(2); // 1.5
    expect(
      value({
        method: 'replacement',
        replacementValueFen: 1_000_000,
        depreciationPercent: '100',
        evidence: ev,
      }),
    ).toBe(0);
    expect(
      value({
        method: 'replacement',
        replacementValueFen: 1_000_000,
        depreciationPercent: '0',
        evidence: ev,
      }),
    ).toBe(1_000_000);
  });

  it('materials: market price × quantity to a thousandth', () => {
    expect(value({ method: 'materials', unitPriceFen: 499, quantity: '0.001', evidence: ev })).toBe(
      0,
    ); // 0.499
    expect(value({ method: 'materials', unitPriceFen: 500, quantity: '0.001', evidence: ev })).toBe(
      1,
    ); // 0.5
    expect(value({ method: 'materials', unitPriceFen: 2_350, quantity: '40', evidence: ev })).toBe(
      94_000,
    );
  });

  it('repair at cost, none at zero', () => {
    expect(value({ method: 'repair', repairCostFen: 123_456, evidence: ev })).toBe(123_456);
    expect(value({ method: 'none', reason: '车主书面放弃补偿', evidence: [] })).toBe(0);
  });

  it('refuses an amount too large to be exact, naming the line', () => {
    const err = (() => {
      try {
        value({ method: 'rental', dailyRateFen: Number.MAX_SAFE_INTEGER, days: '2', evidence: ev });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).issues?.[0]?.path).toBe('body.lines.0');
    expect(sumFen([Number.MAX_SAFE_INTEGER - 1, 1], 'x')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1], 'x')).toThrow(AppError);
  });

  it('reads JSON numbers as the decimals they were written as', () => {
    expect(decimalText(decimalOfNumber(7.35))).toBe('7.35');
    expect(decimalText(decimalOfNumber(0.1))).toBe('0.1');
    expect(decimalText(decimalOfNumber(1e-7))).toBe('0.0000001');
    expect(decimalText(decimalOfNumber(1e21))).toBe('1000000000000000000000');
    expect(decimalText(parseDecimal('2.500'))).toBe('2.5');
  });

  it('call-ups: Σ hours × rate rounded once, equipment by kind, expenses by the terms', () => {
    const terms = {
      personHourFen: 2_500,
      equipmentHourFen: [{ kind: '冲锋舟', fen: 15_000 }],
      expensesReimbursed: true,
    };
    const h = (n: number) => ({ memberId: item, hours: decimalOfNumber(n) });
    // 0.1 + 0.2 hours at 2,500 fen: exactly 750, where floats give 750.0000000000001.
    const lines = valueCallup(terms, {
      people: [h(0.1), h(0.2), h(7.333)],
      equipment: [
        { kind: '冲锋舟', count: 2, hours: decimalOfNumber(3.5) },
        { kind: '无人机', count: 1, hours: decimalOfNumber(2) },
      ],
      expenses: [{ description: '燃油', fen: 38_050 }],
    });
    // (0.1 + 0.2 + 7.333) h × 2,500 = 19,082.5 → 19,083 (half up, once for all people)
    expect(lines.map((l) => l.amountFen)).toEqual([19_083, 105_000, 0, 38_050]);
    expect(lines[0]?.inputs).toMatchObject({ people: 3, personHours: '7.633' });
    expect(lines[2]?.flags).toEqual(['no_rate_in_terms']);
    const unpaid = valueCallup(
      { ...terms, expensesReimbursed: false },
      { people: [], equipment: [], expenses: [{ description: '餐费', fen: 900 }] },
    );
    expect(unpaid.map((l) => [l.amountFen, l.flags])).toEqual([
      [0, []],
      [0, ['not_reimbursed_by_terms']],
    ]);
  });
});
