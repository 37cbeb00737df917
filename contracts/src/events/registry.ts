import type { z } from 'zod';
import { EVENT_TYPE_PATTERN, type EventSource, type TEvent } from '../envelope.ts';
import { ZInstanceStarted, ZProbeSent } from './system.ts';
import { ZDrillRunFinished, ZDrillRunRemoved, ZDrillRunStarted } from './drills.ts';
import {
  ZMemberAdded,
  ZPositionReported,
  ZTeamApproved,
  ZTeamFiled,
  ZTeamReturned,
  ZTeamSubmitted,
} from './forces.ts';
import {
  ZReminderRaised,
  ZTeamLapsed,
  ZTeamMaintained,
  ZTeamReadinessChanged,
  ZTeamReinstated,
  ZTeamRevoked,
  ZTeamSuspended,
  ZTrainingAttendanceRecorded,
  ZTrainingEvaluated,
  ZTrainingRecorded,
} from './forces.ts';
import {
  ZIncidentClosed,
  ZIncidentGraded,
  ZIncidentReported,
  ZLevelActivated,
  ZLevelAdjusted,
  ZLevelTerminated,
} from './response.ts';
import {
  ZCallupAccepted,
  ZCallupAlerted,
  ZCallupDeclined,
  ZCallupRequested,
  ZCallupStoodDown,
  ZTeamCheckedIn,
} from './forces-callups.ts';
import {
  ZCallupAlertWithdrawn,
  ZCallupClosed,
  ZCallupFilled,
  ZCallupUnfilled,
  ZDeploymentStatusChanged,
} from './forces-deployments.ts';
import {
  ZThresholdCrossed,
  ZWarningAdjusted,
  ZWarningIssued,
  ZWarningLifted,
} from './monitoring.ts';
import {
  ZExternalAlertImported,
  ZInspectionOverdue,
  ZPointLiveness,
  ZRiskAssessed,
  ZThresholdCleared,
  ZWarningProposed,
  ZWarningReturned,
  ZWarningSubmitted,
} from './monitoring.ts';
import {
  ZCompensationAssessed,
  ZCompensationPaid,
  ZRequisitionIssued,
  ZRequisitionItemReturned,
} from './requisition.ts';
import {
  ZCompensationApproved,
  ZCompensationSentBack,
  ZInjuryClaimRecorded,
  ZObjectionDecided,
  ZObjectionFiled,
  ZObjectionReviewStarted,
  ZRequisitionItemCancelled,
  ZRequisitionItemHandedOver,
  ZRequisitionItemUseLogged,
  ZRequisitionRejected,
  ZRequisitionRequested,
  ZRequisitionReturnOverdue,
} from './requisition.ts';
import { ZPlanPublished, ZReportOverdue, ZReportSubmitted, ZTaskUpdated } from './response-work.ts';

/** Which JetStream stream carries an event type: durable domain events, or short-lived positions. */
export type StreamKind = 'events' | 'positions';

export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  schema: S;
  version: number;
  stream: StreamKind;
}

function define<S extends z.ZodType>(
  schema: S,
  version = 1,
  stream: StreamKind = 'events',
): EventDefinition<S> {
  return { schema, version, stream };
}

/**
 * Every event Muster emits, keyed by type. Publish and subscribe are generic over these keys,
 * so an unknown type does not compile. Evolve additively; a breaking change is a new version.
 */
export const eventSchemas = {
  'system.instance.started': define(ZInstanceStarted),
  'system.probe.sent': define(ZProbeSent),
  'forces.position.reported': define(ZPositionReported, 1, 'positions'),
  'response.incident.closed': define(ZIncidentClosed),
  'forces.team.filed': define(ZTeamFiled),
  'forces.team.submitted': define(ZTeamSubmitted),
  'forces.team.approved': define(ZTeamApproved),
  'forces.team.returned': define(ZTeamReturned),
  'forces.member.added': define(ZMemberAdded),
  'forces.team.lapsed': define(ZTeamLapsed),
  'forces.team.suspended': define(ZTeamSuspended),
  'forces.team.reinstated': define(ZTeamReinstated),
  'forces.team.revoked': define(ZTeamRevoked),
  'forces.team.maintained': define(ZTeamMaintained),
  'forces.team.readiness_changed': define(ZTeamReadinessChanged),
  'forces.training.recorded': define(ZTrainingRecorded),
  'forces.training.attendance_recorded': define(ZTrainingAttendanceRecorded),
  'forces.training.evaluated': define(ZTrainingEvaluated),
  'forces.reminder.raised': define(ZReminderRaised),
  'forces.callup.requested': define(ZCallupRequested),
  'forces.callup.alerted': define(ZCallupAlerted),
  'forces.callup.accepted': define(ZCallupAccepted),
  'forces.callup.declined': define(ZCallupDeclined),
  'forces.team.checked_in': define(ZTeamCheckedIn),
  'forces.callup.stood_down': define(ZCallupStoodDown),
  'forces.deployment.status_changed': define(ZDeploymentStatusChanged),
  'forces.callup.filled': define(ZCallupFilled),
  'forces.callup.unfilled': define(ZCallupUnfilled),
  'forces.callup.alert_withdrawn': define(ZCallupAlertWithdrawn),
  'forces.callup.closed': define(ZCallupClosed),
  'response.incident.reported': define(ZIncidentReported),
  'response.incident.graded': define(ZIncidentGraded),
  'response.level.activated': define(ZLevelActivated),
  'response.level.adjusted': define(ZLevelAdjusted),
  'response.level.terminated': define(ZLevelTerminated),
  'monitoring.threshold.crossed': define(ZThresholdCrossed),
  'monitoring.warning.issued': define(ZWarningIssued),
  'monitoring.warning.adjusted': define(ZWarningAdjusted),
  'monitoring.warning.lifted': define(ZWarningLifted),
  'monitoring.threshold.cleared': define(ZThresholdCleared),
  'monitoring.warning.proposed': define(ZWarningProposed),
  'monitoring.warning.submitted': define(ZWarningSubmitted),
  'monitoring.warning.returned': define(ZWarningReturned),
  'monitoring.point.offline': define(ZPointLiveness),
  'monitoring.point.online': define(ZPointLiveness),
  'monitoring.risk.inspection_overdue': define(ZInspectionOverdue),
  'monitoring.risk.assessed': define(ZRiskAssessed),
  'monitoring.external_alert.imported': define(ZExternalAlertImported),
  'requisition.order.issued': define(ZRequisitionIssued),
  'requisition.item.returned': define(ZRequisitionItemReturned),
  'requisition.compensation.assessed': define(ZCompensationAssessed),
  'requisition.compensation.paid': define(ZCompensationPaid),
  'requisition.order.requested': define(ZRequisitionRequested),
  'requisition.order.rejected': define(ZRequisitionRejected),
  'requisition.item.handed_over': define(ZRequisitionItemHandedOver),
  'requisition.item.use_logged': define(ZRequisitionItemUseLogged),
  'requisition.item.cancelled': define(ZRequisitionItemCancelled),
  'requisition.return.overdue_raised': define(ZRequisitionReturnOverdue),
  'requisition.compensation.approved': define(ZCompensationApproved),
  'requisition.compensation.sent_back': define(ZCompensationSentBack),
  'requisition.objection.filed': define(ZObjectionFiled),
  'requisition.objection.review_started': define(ZObjectionReviewStarted),
  'requisition.objection.decided': define(ZObjectionDecided),
  'requisition.injury_claim.recorded': define(ZInjuryClaimRecorded),
  'requisition.injury_claim.updated': define(ZInjuryClaimRecorded),
  'response.report.submitted': define(ZReportSubmitted),
  'response.report.overdue': define(ZReportOverdue),
  'response.plan.published': define(ZPlanPublished),
  'response.task.updated': define(ZTaskUpdated),
  'drills.run.started': define(ZDrillRunStarted),
  'drills.run.finished': define(ZDrillRunFinished),
  'drills.run.removed': define(ZDrillRunRemoved),
} as const satisfies Record<string, EventDefinition>;

export type EventRegistry = Record<string, EventDefinition>;
export type AppRegistry = typeof eventSchemas;
export type EventType<R extends EventRegistry = AppRegistry> = keyof R & string;
export type EventData<T extends EventType<R>, R extends EventRegistry = AppRegistry> = z.infer<
  R[T]['schema']
>;
export type AppEvent<T extends EventType = EventType> = TEvent<T, EventData<T>>;

/** The module that owns an event type: its first word. */
export function sourceOf(type: string): EventSource {
  return type.slice(0, type.indexOf('.')) as EventSource;
}

/** `<namespace>.<type>`; the namespace is `muster` in production and unique per test file. */
export function subjectFor(namespace: string, type: string): string {
  if (!EVENT_TYPE_PATTERN.test(type)) throw new Error(`not an event type: ${type}`);
  return `${namespace}.${type}`;
}

/** The type carried by a subject, or undefined when the subject is not under the namespace. */
export function typeOfSubject(namespace: string, subject: string): string | undefined {
  const prefix = `${namespace}.`;
  return subject.startsWith(prefix) ? subject.slice(prefix.length) : undefined;
}
