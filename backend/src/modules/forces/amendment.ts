import type { TTeamFilingRequest } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { loadTeams, type TeamRow } from './team-reader.ts';

export type MaintainedPart = 'insurance' | 'equipment' | 'contacts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (xs: readonly string[]) => [...xs].sort();

/**
 * What a new filing changes on an approved team: whether its core changes (which needs a new
 * review) and which maintained parts change (which do not).
 */
export async function amendmentOf(
  tx: Tx,
  row: TeamRow,
  b: TTeamFilingRequest,
  now: Date,
): Promise<{ core: boolean; maintained: MaintainedPart[] }> {
  const [t] = await loadTeams(tx, [row], now);
  if (!t) return { core: true, maintained: [] };
  const core =
    row.name !== b.name ||
    row.kind !== b.kind ||
    row.creditCode !== b.creditCode ||
    row.baseLon !== b.base.lon ||
    row.baseLat !== b.base.lat ||
    row.baseAddress !== b.base.address ||
    !same(sorted(row.serviceArea), sorted(b.serviceArea)) ||
    !same(sorted(t.capabilities), sorted(b.capabilities));
  const policy = (p: TTeamFilingRequest['insurance'][number]) => ({
    insurer: p.insurer,
    number: p.number,
    insuredMemberIds: p.insuredMemberIds ? sorted(p.insuredMemberIds) : null,
    validFrom: p.validFrom,
    validTo: p.validTo,
  });
  const byFrom = (ps: TTeamFilingRequest['insurance']) =>
    ps.map(policy).sort((x, y) => (x.validFrom + x.number < y.validFrom + y.number ? -1 : 1));
  const maintained: MaintainedPart[] = [];
  if (!same(byFrom(t.insurance), byFrom(b.insurance))) maintained.push('insurance');
  const kit = (es: TTeamFilingRequest['equipment']) =>
    es.map((e) => `${e.kind}\u0000${e.count}`).sort();
  if (!same(kit(t.equipment), kit(b.equipment))) maintained.push('equipment');
  if (
    !same(
      { l: row.leaderName, p: row.leaderPhone, c: row.contacts },
      { l: b.leader.name, p: b.leader.phone, c: b.contacts },
    )
  )
    maintained.push('contacts');
  return { core, maintained };
}
