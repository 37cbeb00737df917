import { and, asc, desc, eq, max } from 'drizzle-orm';
import {
  AppError,
  ZPlanBody,
  type IncidentCategory,
  type TPlan,
  type TPlanBody,
  type TPlanVersion,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import { RESPONSE_LEGAL_BASIS, type ResponseDeps } from './deps.ts';
import { responsePlans, responsePlanVersions } from './tables.ts';

type VersionRow = typeof responsePlanVersions.$inferSelect;

function versionView(v: VersionRow): TPlanVersion {
  return {
    id: v.id,
    planId: v.planId,
    version: v.version,
    // Stored bodies were parsed when published; parsing again fills defaults of later additions.
    body: ZPlanBody.parse(v.body),
    reason: v.reason,
    promptedBy: v.promptedBy,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: v.publishedBy,
  };
}

/** Plans with their versions (newest plan body first in each). */
export async function listPlans(db: Executor, category?: IncidentCategory): Promise<TPlan[]> {
  const plans = await db
    .select()
    .from(responsePlans)
    .where(category ? eq(responsePlans.category, category) : undefined)
    .orderBy(asc(responsePlans.createdAt));
  if (plans.length === 0) return [];
  const versions = await db
    .select()
    .from(responsePlanVersions)
    .orderBy(asc(responsePlanVersions.planId), asc(responsePlanVersions.version));
  return plans.flatMap((p) => {
    const vs = versions.filter((v) => v.planId === p.id);
    const latest = vs.at(-1);
    if (!latest) return [];
    return [
      {
        id: p.id,
        category: p.category as IncidentCategory,
        name: latest.body.name,
        subtypes: latest.body.subtypes,
        latestVersion: latest.version,
        versions: vs.map((v) => {
          const { planId: _p, body: _b, ...info } = versionView(v);
          return info;
        }),
        createdAt: p.createdAt.toISOString(),
      },
    ];
  });
}

export async function getPlan(db: Executor, id: string): Promise<TPlan> {
  const [row] = await db.select().from(responsePlans).where(eq(responsePlans.id, id));
  if (!row) throw new AppError('response.plan_not_found', id);
  const plan = (await listPlans(db, row.category as IncidentCategory)).find((p) => p.id === id);
  if (!plan) throw new AppError('response.plan_not_found', id);
  return plan;
}

export async function getPlanVersion(
  db: Executor,
  planId: string,
  version?: number,
): Promise<TPlanVersion> {
  const [v] = await db
    .select()
    .from(responsePlanVersions)
    .where(
      and(
        eq(responsePlanVersions.planId, planId),
        version === undefined ? undefined : eq(responsePlanVersions.version, version),
      ),
    )
    .orderBy(desc(responsePlanVersions.version))
    .limit(1);
  if (!v) throw new AppError('response.plan_not_found', version ? `${planId} v${version}` : planId);
  return versionView(v);
}

export async function planVersionById(db: Executor, id: string): Promise<TPlanVersion | undefined> {
  const [v] = await db.select().from(responsePlanVersions).where(eq(responsePlanVersions.id, id));
  return v ? versionView(v) : undefined;
}

/**
 * Publishes a version in the caller's transaction: version 1 of a new plan, or the next version
 * of an existing one. Earlier versions are never touched (and a trigger refuses to).
 */
export async function publishVersion(
  d: Pick<ResponseDeps, 'outbox' | 'audit'>,
  tx: Executor,
  o: {
    planId: string;
    body: TPlanBody;
    by: string;
    at: Date;
    reason?: string | undefined;
    promptedBy?: { kind: 'drill_run' | 'incident'; id: string } | undefined;
  },
): Promise<TPlanVersion> {
  const [last] = await tx
    .select({ n: max(responsePlanVersions.version) })
    .from(responsePlanVersions)
    .where(eq(responsePlanVersions.planId, o.planId));
  const row = {
    id: newId(),
    planId: o.planId,
    version: (last?.n ?? 0) + 1,
    body: o.body,
    reason: o.reason ?? null,
    promptedBy: o.promptedBy ?? null,
    publishedBy: o.by,
    publishedAt: o.at,
  };
  await tx.insert(responsePlanVersions).values(row);
  await d.outbox.append(tx, [
    {
      type: 'response.plan.published',
      actor: o.by,
      data: {
        planId: o.planId,
        versionId: row.id,
        version: row.version,
        category: o.body.category,
        subtypes: o.body.subtypes,
        ...(o.promptedBy ? { promptedBy: o.promptedBy } : {}),
      },
    },
  ]);
  await d.audit.append(
    {
      actor: o.by,
      action: 'response.plan.published',
      subjectType: 'plan',
      subjectId: o.planId,
      legalBasis: RESPONSE_LEGAL_BASIS.plans,
      detail: { version: row.version, promptedBy: o.promptedBy?.kind ?? null },
    },
    tx,
  );
  return versionView(row);
}

export async function createPlan(
  d: ResponseDeps,
  by: string,
  body: TPlanBody,
  id: string = newId(),
): Promise<string> {
  const at = d.clock.now();
  await d.db.transaction(async (tx) => {
    await tx
      .insert(responsePlans)
      .values({ id, category: body.category, createdBy: by, createdAt: at });
    await publishVersion(d, tx, { planId: id, body, by, at });
  });
  return id;
}

export async function revisePlan(
  d: ResponseDeps,
  by: string,
  planId: string,
  b: {
    plan: TPlanBody;
    reason: string;
    promptedBy?: { kind: 'drill_run' | 'incident'; id: string } | undefined;
  },
): Promise<TPlanVersion> {
  return d.db.transaction(async (tx) => {
    const [plan] = await tx
      .select()
      .from(responsePlans)
      .where(eq(responsePlans.id, planId))
      .for('update');
    if (!plan) throw new AppError('response.plan_not_found', planId);
    if (plan.category !== b.plan.category)
      throw new AppError('response.plan_category_fixed', plan.category);
    return publishVersion(d, tx, {
      planId,
      body: b.plan,
      by,
      at: d.clock.now(),
      reason: b.reason,
      promptedBy: b.promptedBy,
    });
  });
}

/**
 * The plan an incident follows: the named one, else the latest version of a plan of its
 * category that lists its subtype and whose area (if any) covers one of its areas.
 */
export async function planForIncident(
  db: Executor,
  inc: { category: string; subtype: string; areaCodes: string[] },
  planId?: string,
): Promise<TPlanVersion> {
  const covers = (b: TPlanBody) =>
    b.subtypes.includes(inc.subtype) &&
    (b.areaCodes.length === 0 ||
      inc.areaCodes.length === 0 ||
      inc.areaCodes.some((c) => b.areaCodes.some((p) => c.startsWith(p))));
  if (planId) {
    const v = await getPlanVersion(db, planId);
    if (v.body.category !== inc.category || !covers(v.body))
      throw new AppError(
        'response.plan_mismatch',
        `${planId}: ${v.body.category}/${v.body.subtypes.join(',')}`,
      );
    return v;
  }
  for (const p of await listPlans(db, inc.category as IncidentCategory)) {
    const v = await getPlanVersion(db, p.id);
    if (covers(v.body)) return v;
  }
  throw new AppError('response.no_plan', `${inc.category}/${inc.subtype}`);
}
