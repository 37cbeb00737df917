import { POINT_KINDS, type TInject, type TScenario } from '@muster/contracts';
import { callApi } from './api-client.ts';
import type { RunCast } from './tables.ts';

/** What an inject acts with and on. */
export interface InjectContext {
  runId: string;
  base: string;
  scenario: TScenario;
  cast: RunCast;
  incidentId: string | null;
  /** Bearer tokens of the drill accounts. */
  token(accountId: string): Promise<string>;
  /** The inject's simulated time (the run's clock is held there while it is performed). */
  at: Date;
  random: () => number;
  /** Which fix of a track this step reports (a track is one step per fix). */
  fix?: number;
}

export interface InjectResult {
  detail: string;
  incidentId?: string;
}

const iso = (t: Date | number) => new Date(t).toISOString();
const HOUR_MS = 3_600_000;

/** The marker on every record a drill makes with words in it. */
const DRILL = '【演练】';

/**
 * Performs one inject through the modules' own HTTP routes, as the drill's accounts, with
 * `exercise: true` and the run id wherever a request opens a record of its own.
 */
export async function perform(c: InjectContext, inj: TInject): Promise<InjectResult> {
  const { cast } = c;
  const as = async (who: 'duty' | 'approver' | 'commander') => c.token(cast.accounts[who]!);
  const incident = () => {
    if (!c.incidentId) throw new Error('no incident yet');
    return c.incidentId;
  };
  switch (inj.kind) {
    case 'reading': {
      const point = c.scenario.points.find((p) => p.key === inj.point)!;
      const raw =
        typeof inj.value === 'number' ? inj.value : c.scenario.variables[inj.value.slice(2, -1)]!;
      const noise = inj.noise ? (c.random() * 2 - 1) * inj.noise : 0;
      const value = Math.round((raw + noise) * 1000) / 1000;
      const r = await callApi<{ crossings: number }>(
        c.base,
        await as('duty'),
        'POST',
        '/api/monitoring/readings',
        {
          readings: [
            {
              pointId: cast.points[inj.point],
              observedAt: iso(c.at),
              value,
              unit: POINT_KINDS[point.kind].unit,
            },
          ],
        },
      );
      return { detail: `${value} ${POINT_KINDS[point.kind].unit}; crossings ${r.crossings}` };
    }
    case 'incident': {
      const r = await callApi<{ id: string }>(
        c.base,
        await as('duty'),
        'POST',
        '/api/response/incidents',
        {
          title: inj.title.startsWith(DRILL) ? inj.title : `${DRILL}${inj.title}`,
          category: inj.category,
          subtype: inj.subtype,
          description: inj.description,
          source: inj.source,
          awareAt: iso(c.at),
          location: inj.location,
          areaCodes: inj.areaCodes,
          ...(inj.caller ? { reporter: { name: inj.caller.name, phone: inj.caller.phone } } : {}),
          exercise: true,
          drillRunId: c.runId,
        },
      );
      return { detail: `incident ${r.id}`, incidentId: r.id };
    }
    case 'warning': {
      const w = await callApi<{ id: string }>(
        c.base,
        await as('duty'),
        'POST',
        '/api/monitoring/warnings',
        {
          category: inj.category,
          level: inj.level,
          headline: inj.headline.startsWith(DRILL) ? inj.headline : `${DRILL}${inj.headline}`,
          area: {
            description: inj.areaCodes.join('、'),
            codes: inj.areaCodes,
            polygons: [],
            circles: [],
          },
          onset: iso(c.at),
          expiresAt: iso(c.at.getTime() + 24 * HOUR_MS),
          impacts: '演练：嘉陵江水位上涨，沿江低洼地带可能进水。',
          advice: '演练信息，非真实预警。',
          exercise: true,
          drillRunId: c.runId,
        },
      );
      cast.warningIds.push(w.id);
      if (!inj.issue) return { detail: `warning ${w.id} drafted` };
      await callApi(c.base, await as('duty'), 'POST', `/api/monitoring/warnings/${w.id}/submit`);
      await callApi(
        c.base,
        await as('approver'),
        'POST',
        `/api/monitoring/warnings/${w.id}/approve`,
      );
      return { detail: `warning ${w.id} issued` };
    }
    case 'report': {
      const r = await callApi<{ id: string }>(
        c.base,
        await as('duty'),
        'POST',
        `/api/response/incidents/${incident()}/reports`,
        {
          kind: inj.report,
          summary: `${DRILL}${inj.summary}`,
          criteria: {},
          recipients: inj.recipients,
          submit: true,
        },
      );
      return { detail: `report ${r.id} (${inj.report})` };
    }
    case 'activate': {
      const r = await callApi<{ planId?: string | null }>(
        c.base,
        await as('duty'),
        'POST',
        `/api/response/incidents/${incident()}/activate`,
        {
          level: inj.level,
          matters: `${DRILL}${inj.matters}`,
          expectedDurationHours: inj.expectedDurationHours,
          measures: inj.measures,
          commanderAccountId: cast.accounts.commander,
        },
      );
      return { detail: `level ${inj.level} activated` + (r.planId ? `; plan ${r.planId}` : '') };
    }
    case 'callup': {
      const teams = inj.teams.map((k) => cast.teams[k]!);
      const callup = await callApi<{ id: string }>(
        c.base,
        await as('duty'),
        'POST',
        '/api/forces/callups',
        {
          incidentId: incident(),
          needs: [{ capability: inj.capability, count: teams.length }],
          rallyPoint: inj.rallyPoint,
          window: { from: iso(c.at), to: iso(c.at.getTime() + 24 * HOUR_MS) },
          task: `${DRILL}${inj.task}`,
          terms: { personHourFen: 0, equipmentHourFen: [], expensesReimbursed: false },
          insuranceRequired: true,
          ackMinutes: inj.ackMinutes,
          autoEscalate: false,
        },
      );
      cast.callupId = callup.id;
      await callApi(c.base, await as('duty'), 'POST', `/api/forces/callups/${callup.id}/dispatch`, {
        teams: teams.map((t) => ({ teamId: t.teamId, capability: inj.capability })),
      });
      return { detail: `callup ${callup.id} to ${teams.length} teams` };
    }
    case 'team': {
      const team = cast.teams[inj.team]!;
      const token = await c.token(team.leaderAccountId!);
      const path = `/api/forces/callups/${cast.callupId}/teams/${team.teamId}`;
      const people = c.scenario.teams.find((t) => t.key === inj.team);
      if (inj.action === 'check_in') await callApi(c.base, token, 'POST', `${path}/check-in`, {});
      else
        await callApi(
          c.base,
          token,
          'POST',
          `${path}/answer`,
          inj.action === 'accept'
            ? { answer: 'accept', people: people && people.simulated ? people.people : 1 }
            : { answer: 'decline', reason: inj.reason ?? '演练：无法响应' },
        );
      return { detail: `${team.name}: ${inj.action}` };
    }
    case 'track': {
      const team = cast.teams[inj.team]!;
      const token = await c.token(team.leaderAccountId!);
      const fix = inj.fixes[c.fix ?? 0]!;
      const r = await callApi<{ outcome: string }>(c.base, token, 'POST', '/api/forces/positions', {
        lon: fix.lon,
        lat: fix.lat,
        accuracyM: 10,
        reportedAt: iso(c.at),
        incidentId: incident(),
      });
      return { detail: `${team.name}: fix ${(c.fix ?? 0) + 1}/${inj.fixes.length} ${r.outcome}` };
    }
    case 'requisition': {
      const order = await callApi<{ id: string }>(
        c.base,
        await as('duty'),
        'POST',
        '/api/requisition/orders',
        {
          incidentId: incident(),
          requestingUnit: inj.requestingUnit,
          legalBasis: '突发事件应对法第十二条（演练）',
          purpose: `${DRILL}${inj.purpose}`,
          owner: {
            kind: 'unit',
            unitName: inj.owner.name,
            name: '演练联系人',
            phone: inj.owner.phone,
          },
          items: inj.items.map((it, i) => ({
            kind: 'vehicle',
            description: it.description,
            identification: `演练-${c.runId.slice(-6)}-${i + 1}`,
            quantity: String(it.quantity),
            unit: '艘',
            conditionAtHandover: '完好（演练）',
          })),
          place: { address: inj.address },
          expectedPeriod: { from: iso(c.at), until: iso(c.at.getTime() + 24 * HOUR_MS) },
        },
      );
      await callApi(
        c.base,
        await as('approver'),
        'POST',
        `/api/requisition/orders/${order.id}/approve`,
      );
      return { detail: `requisition ${order.id} approved` };
    }
    case 'end':
      return { detail: 'end' };
  }
}
