import { METHOD_LABELS, type TCallupCompensationTerms } from '@muster/contracts';
import type { ComputedLine } from './compensation.ts';
import { decimalText, fenTimes, sumDecimals, type Decimal } from './money.ts';

/** What a call-up claim is computed from: the stand-down's figures, or an official's correction. */
export interface CallupFigures {
  people: readonly { memberId: string; hours: Decimal }[];
  equipment: readonly { kind: string; count: number; hours: Decimal }[];
  expenses: readonly { description: string; fen: number }[];
}

/**
 * Call-up compensation (调用补偿) under the terms fixed in the call-up order:
 * - people: (Σ hours of every member) × the person-hour rate, one line, rounded once;
 * - equipment: count × hours × the rate the terms give its kind, a line per entry; a kind the
 *   terms do not price is listed at 0 and flagged `no_rate_in_terms` for the approver;
 * - expenses: at cost when the terms reimburse them, else 0 flagged `not_reimbursed_by_terms`.
 */
export function valueCallup(terms: TCallupCompensationTerms, f: CallupFigures): ComputedLine[] {
  const base = { itemId: null, evidence: null, note: null };
  const lines: ComputedLine[] = [];
  const personHours = sumDecimals(f.people.map((p) => p.hours));
  lines.push({
    ...base,
    method: 'callup_people',
    description: METHOD_LABELS.callup_people.zh,
    inputs: {
      people: f.people.length,
      personHours: decimalText(personHours),
      personHourFen: terms.personHourFen,
    },
    amountFen: fenTimes(terms.personHourFen, [personHours], 'people'),
    flags: [],
  });
  f.equipment.forEach((e, i) => {
    const rate = terms.equipmentHourFen.find((r) => r.kind === e.kind);
    lines.push({
      ...base,
      method: 'callup_equipment',
      description: `${METHOD_LABELS.callup_equipment.zh}：${e.kind}`,
      inputs: {
        kind: e.kind,
        count: e.count,
        hours: decimalText(e.hours),
        equipmentHourFen: rate?.fen ?? 0,
      },
      amountFen: rate
        ? fenTimes(rate.fen, [{ units: BigInt(e.count), scale: 0 }, e.hours], `equipment.${i}`)
        : 0,
      flags: rate ? [] : ['no_rate_in_terms'],
    });
  });
  for (const x of f.expenses)
    lines.push({
      ...base,
      method: 'callup_expense',
      description: `${METHOD_LABELS.callup_expense.zh}：${x.description}`,
      inputs: { description: x.description, fen: x.fen },
      amountFen: terms.expensesReimbursed ? x.fen : 0,
      flags: terms.expensesReimbursed ? [] : ['not_reimbursed_by_terms'],
    });
  return lines;
}
