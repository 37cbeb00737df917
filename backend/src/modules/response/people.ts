import { and, asc, count, eq, inArray, notInArray } from 'drizzle-orm';
import type { TReportPerson } from '@muster/contracts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import type { Sealer } from '../../platform/access/crypto.ts';
import type { Kept, PersonalDataHolder } from '../../platform/access/destruction.ts';
import { newId } from '../../platform/ids.ts';
import { responsePeople } from './tables.ts';

export type PersonRole = 'reporter' | 'casualty' | 'contact';

export interface PersonInput {
  role: PersonRole;
  name: string;
  phone?: string | undefined;
  idNumber?: string | undefined;
  condition?: string | undefined;
  organisation?: string | undefined;
}

/** Stores people named for an incident; ID numbers and conditions sealed before they are written. */
export async function storePeople(
  tx: Executor,
  sealer: Sealer,
  o: { incidentId: string; reportId: string | null; at: Date },
  people: readonly PersonInput[],
): Promise<void> {
  if (people.length === 0) return;
  await tx.insert(responsePeople).values(
    people.map((p, position) => ({
      id: newId(),
      incidentId: o.incidentId,
      reportId: o.reportId,
      role: p.role,
      position,
      name: p.name,
      phone: p.phone ?? null,
      idNumberSealed: p.idNumber ? sealer.seal(p.idNumber) : null,
      conditionSealed: p.condition ? sealer.seal(p.condition) : null,
      organisation: p.organisation ?? null,
      createdAt: o.at,
    })),
  );
}

/** People of the given reports (sealed fields opened), by report id. */
export async function peopleOfReports(
  db: Executor,
  sealer: Sealer,
  reportIds: readonly string[],
): Promise<Map<string, TReportPerson[]>> {
  const out = new Map<string, TReportPerson[]>();
  if (reportIds.length === 0) return out;
  const rows = await db
    .select()
    .from(responsePeople)
    .where(inArray(responsePeople.reportId, [...reportIds]))
    .orderBy(asc(responsePeople.reportId), asc(responsePeople.position));
  for (const r of rows) {
    const list = out.get(r.reportId!) ?? [];
    list.push({
      id: r.id,
      role: r.role as 'casualty' | 'contact',
      name: r.name,
      ...(r.phone ? { phone: r.phone } : {}),
      ...(r.idNumberSealed ? { idNumber: sealer.open(r.idNumberSealed) } : {}),
      ...(r.conditionSealed ? { condition: sealer.open(r.conditionSealed) } : {}),
      ...(r.organisation ? { organisation: r.organisation } : {}),
    });
    out.set(r.reportId!, list);
  }
  return out;
}

/** The person who reported the incident, when one was recorded and is still kept. */
export async function reporterOf(
  db: Executor,
  incidentId: string,
): Promise<{ id: string; name: string; phone: string | null } | undefined> {
  const [r] = await db
    .select({ id: responsePeople.id, name: responsePeople.name, phone: responsePeople.phone })
    .from(responsePeople)
    .where(and(eq(responsePeople.incidentId, incidentId), eq(responsePeople.role, 'reporter')))
    .limit(1);
  return r;
}

/** Removes a draft's people before it is rewritten. */
export async function dropReportPeople(tx: Tx, reportId: string): Promise<void> {
  await tx.delete(responsePeople).where(eq(responsePeople.reportId, reportId));
}

const CATEGORIES = ['reporter', 'casualty', 'contact'] as const;

/**
 * People named for an incident are destroyed when it closes (Emergency Response Law art. 85),
 * except those a recorded hold keeps; the reports keep their counts (`people_count`).
 */
export function responsePeopleHolder(): PersonalDataHolder {
  return {
    name: 'response.people',
    categories: CATEGORIES,
    async destroy(tx, incidentId, kept) {
      const results = [];
      for (const category of CATEGORIES) {
        const k: Kept | undefined = kept.get(category);
        const scope = and(
          eq(responsePeople.incidentId, incidentId),
          eq(responsePeople.role, category),
        );
        const keep = k === 'all' ? undefined : [...(k ?? [])];
        const gone =
          k === 'all'
            ? []
            : await tx
                .delete(responsePeople)
                .where(
                  and(scope, keep!.length > 0 ? notInArray(responsePeople.id, keep!) : undefined),
                )
                .returning({ id: responsePeople.id });
        const [left] = await tx.select({ n: count() }).from(responsePeople).where(scope);
        results.push({ category, destroyed: gone.length, keptUnderHold: left?.n ?? 0 });
      }
      return results.filter((r) => r.destroyed > 0 || r.keptUnderHold > 0);
    },
  };
}
