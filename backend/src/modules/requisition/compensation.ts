import { METHOD_LABELS, type TPropertyLineInput } from '@muster/contracts';
import { fenTimes, parseDecimal, roundHalfUp, toFen } from './money.ts';

/** A line as the module stores it: what was valued, how, from what inputs, for how much. */
export interface ComputedLine {
  itemId: string | null;
  method: TPropertyLineInput['method'] | 'callup_people' | 'callup_equipment' | 'callup_expense';
  description: string;
  inputs: Record<string, string | number | boolean>;
  amountFen: number;
  evidence: { kind: string; reference: string; note?: string }[] | null;
  note: string | null;
  /** Things the approver should look at (e.g. equipment the terms give no rate for). */
  flags: string[];
}

/**
 * Values one property line (fair and reasonable compensation, art. 12):
 * - rental: daily rate × days;
 * - repair: the repair cost as invoiced;
 * - replacement: replacement value × (100 − depreciation %) / 100;
 * - materials: unit market price × quantity consumed;
 * - none: 0, with the reason.
 * Each is an exact fraction rounded once, half up, to the fen (`field` names the line in errors).
 */
export function valuePropertyLine(l: TPropertyLineInput, field: string): ComputedLine {
  const common = {
    itemId: l.itemId,
    method: l.method,
    description: METHOD_LABELS[l.method].zh,
    evidence: l.evidence,
    note: l.note ?? null,
    flags: [] as string[],
  };
  switch (l.method) {
    case 'rental':
      return {
        ...common,
        inputs: { dailyRateFen: l.dailyRateFen, days: l.days },
        amountFen: fenTimes(l.dailyRateFen, [parseDecimal(l.days)], field),
      };
    case 'repair':
      return { ...common, inputs: { repairCostFen: l.repairCostFen }, amountFen: l.repairCostFen };
    case 'replacement': {
      const pct = parseDecimal(l.depreciationPercent);
      const whole = 100n * 10n ** BigInt(pct.scale);
      const amount = roundHalfUp(BigInt(l.replacementValueFen) * (whole - pct.units), whole);
      return {
        ...common,
        inputs: {
          replacementValueFen: l.replacementValueFen,
          depreciationPercent: l.depreciationPercent,
        },
        amountFen: toFen(amount, field),
      };
    }
    case 'materials':
      return {
        ...common,
        inputs: { unitPriceFen: l.unitPriceFen, quantity: l.quantity },
        amountFen: fenTimes(l.unitPriceFen, [parseDecimal(l.quantity)], field),
      };
    case 'none':
      return { ...common, inputs: { reason: l.reason }, amountFen: 0 };
  }
}
