import type { AppRegistry } from '@muster/contracts';
import type { HandledEvent } from '../../platform/bus/consumer.ts';
import type { TimelineInput } from './timeline.ts';
import { yuan } from './format.ts';

type ForcesEvent = HandledEvent<
  AppRegistry,
  | 'forces.callup.requested'
  | 'forces.callup.accepted'
  | 'forces.callup.declined'
  | 'forces.team.checked_in'
  | 'forces.callup.stood_down'
>;
type RequisitionEvent = HandledEvent<
  AppRegistry,
  | 'requisition.order.issued'
  | 'requisition.item.returned'
  | 'requisition.compensation.assessed'
  | 'requisition.compensation.paid'
>;

/**
 * Teams are named by the end of their id: events carry no names (they outlive the records), and
 * a UUIDv7 begins with its time, so its start is shared by teams filed the same day.
 */
export const shortId = (id: string): string => id.slice(-6);
const team = shortId;

function base(e: {
  id: string;
  actor: string;
  exercise: boolean;
  drillRunId?: string | undefined;
}) {
  return {
    source: 'forces' as const,
    actor: e.actor,
    eventId: e.id,
    exercise: e.exercise,
    drillRunId: e.drillRunId ?? null,
  };
}

/** A call-up event as a timeline line, timed when it happened (not when it arrived). */
export function forcesLine(e: ForcesEvent): TimelineInput {
  const common = { ...base(e), incidentId: e.data.incidentId };
  switch (e.type) {
    case 'forces.callup.requested': {
      const teams = e.data.needs.reduce((s, n) => s + n.count, 0);
      return {
        ...common,
        at: new Date(e.occurredAt),
        kind: 'callup.requested',
        zh: `发出调用令：需要 ${teams} 支队伍（${e.data.needs.map((n) => n.capability).join('、')}）`,
        en: `Call-up issued for ${teams} teams (${e.data.needs.map((n) => n.capability).join(', ')})`,
        data: { callupId: e.data.callupId, teamsNeeded: teams },
      };
    }
    case 'forces.callup.accepted':
      return {
        ...common,
        at: new Date(e.data.acceptedAt),
        kind: 'callup.accepted',
        zh: `队伍 ${team(e.data.teamId)} 接受调用，出动 ${e.data.people} 人`,
        en: `Team ${team(e.data.teamId)} accepted with ${e.data.people} people`,
        data: { callupId: e.data.callupId, teamId: e.data.teamId, people: e.data.people },
      };
    case 'forces.callup.declined':
      return {
        ...common,
        at: new Date(e.data.declinedAt),
        kind: 'callup.declined',
        zh: `队伍 ${team(e.data.teamId)} ${e.data.timeout ? '未在时限内应答' : '拒绝调用'}`,
        en: `Team ${team(e.data.teamId)} ${e.data.timeout ? 'did not answer in time' : 'declined'}`,
        data: { callupId: e.data.callupId, teamId: e.data.teamId, timeout: e.data.timeout },
      };
    case 'forces.team.checked_in':
      return {
        ...common,
        at: new Date(e.data.checkedInAt),
        kind: 'team.checked_in',
        zh: `队伍 ${team(e.data.teamId)} 到达现场`,
        en: `Team ${team(e.data.teamId)} on scene`,
        data: { callupId: e.data.callupId, teamId: e.data.teamId },
      };
    case 'forces.callup.stood_down':
      return {
        ...common,
        at: new Date(e.data.stoodDownAt),
        kind: 'callup.stood_down',
        zh: `队伍 ${team(e.data.teamId)} 撤离，${e.data.people.length} 人完成任务`,
        en: `Team ${team(e.data.teamId)} stood down; ${e.data.people.length} people served`,
        data: { callupId: e.data.callupId, teamId: e.data.teamId, people: e.data.people.length },
      };
  }
}

/** A requisition event as a timeline line of its incident. */
export function requisitionLine(e: RequisitionEvent, incidentId: string): TimelineInput {
  const common = { ...base(e), source: 'requisition' as const, incidentId };
  switch (e.type) {
    case 'requisition.order.issued':
      return {
        ...common,
        at: new Date(e.data.issuedAt),
        kind: 'requisition.issued',
        zh: `征用令 ${e.data.certificateNumber}：征用财产 ${e.data.itemCount} 项`,
        en: `Requisition ${e.data.certificateNumber}: ${e.data.itemCount} items`,
        data: { orderId: e.data.orderId, items: e.data.itemCount },
      };
    case 'requisition.item.returned':
      return {
        ...common,
        at: new Date(e.data.returnedAt),
        kind: 'requisition.returned',
        zh: `征用财产返还${e.data.damaged ? '（有毁损）' : ''}`,
        en: `Requisitioned item returned${e.data.damaged ? ' (damaged)' : ''}`,
        data: { orderId: e.data.orderId, itemId: e.data.itemId, damaged: e.data.damaged },
      };
    case 'requisition.compensation.assessed':
      return {
        ...common,
        at: new Date(e.occurredAt),
        kind: 'compensation.assessed',
        zh: `${e.data.kind === 'callup' ? '调用' : '征用'}补偿核定 ${yuan(e.data.amountFen)} 元`,
        en: `${e.data.kind === 'callup' ? 'Call-up' : 'Property'} compensation assessed: ¥${yuan(e.data.amountFen)}`,
        data: { claimId: e.data.claimId, kind: e.data.kind, amountFen: e.data.amountFen },
      };
    case 'requisition.compensation.paid':
      return {
        ...common,
        at: new Date(e.data.paidAt),
        kind: 'compensation.paid',
        zh: `补偿已支付 ${yuan(e.data.amountFen)} 元`,
        en: `Compensation paid: ¥${yuan(e.data.amountFen)}`,
        data: { claimId: e.data.claimId, amountFen: e.data.amountFen },
      };
  }
}
