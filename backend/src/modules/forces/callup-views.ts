import type {
  AssignmentStatus,
  Capability,
  DeploymentStatus,
  TCallupBoardRow,
  TCallupSummary,
} from '@muster/contracts';
import { isFilled, progressOf, type AssignmentRow, type CallupRow } from './callup-store.ts';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** What the board shows of a team besides its row: its name and leader (before projection). */
export interface TeamFace {
  name: string;
  leaderAccountId: string;
  leaderName: string;
  leaderPhone: string;
}

/** A call-up order as the API shows it, with its progress per need. */
export function summaryOf(
  c: CallupRow,
  incidentTitle: string | null,
  board: readonly AssignmentRow[],
): TCallupSummary {
  const needs = progressOf(c, board);
  return {
    id: c.id,
    incidentId: c.incidentId,
    incidentTitle,
    exercise: c.exercise,
    drillRunId: c.drillRunId,
    status: c.status as TCallupSummary['status'],
    filled: isFilled(needs),
    needs,
    rallyPoint: { lon: c.rallyLon, lat: c.rallyLat, address: c.rallyAddress },
    window: { from: c.windowFrom.toISOString(), to: c.windowTo.toISOString() },
    task: c.task,
    legalBasis: c.legalBasis,
    terms: c.terms,
    insuranceRequired: c.insuranceRequired,
    insuranceNote: c.insuranceNote,
    maxDistanceKm: c.maxDistanceKm,
    ackMinutes: c.ackMinutes,
    autoEscalate: c.autoEscalate,
    requestedBy: c.requestedBy,
    requestedAt: c.requestedAt.toISOString(),
    closedAt: iso(c.closedAt),
    closeReason: c.closeReason,
  };
}

/** One team's place on the board, whole (the caller projects it). */
export function boardRowOf(a: AssignmentRow, team: TeamFace | undefined): TCallupBoardRow {
  return {
    teamId: a.teamId,
    teamName: team?.name ?? '',
    capability: a.capability as Capability,
    status: a.status as AssignmentStatus,
    deployment: a.deployment as DeploymentStatus | null,
    alertedAt: a.alertedAt.toISOString(),
    ackDeadline: a.ackDeadline.toISOString(),
    answeredAt: iso(a.answeredAt),
    people: a.people,
    memberIds: a.memberIds,
    declineReason: a.declineReason,
    checkedInAt: iso(a.checkedInAt),
    statusAt: iso(a.statusAt),
    stoodDownAt: iso(a.stoodDownAt),
    escalatedFrom: a.escalatedFrom,
    leader: team ? { name: team.leaderName, phone: team.leaderPhone } : {},
  };
}
