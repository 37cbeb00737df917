import {
  READINESS_RULE,
  type TReadinessFacts,
  type TeamReadiness,
  type TrainingKind,
} from '@muster/contracts';
import { monthsBefore } from './calendar.ts';

/** One session inside the rule's window, as the rule sees it. */
export interface SessionFacts {
  kind: TrainingKind;
  heldOn: string;
  attendees: number;
  score: number | null;
}

export interface ReadinessInputs {
  today: string;
  /** Sessions of the last `READINESS_RULE.windowMonths`, up to today. */
  sessions: readonly SessionFacts[];
  /** Members on the roll now: attendance is measured against it. */
  rollSize: number;
  /** Every member insured today and no certificate expired (callability.ts). */
  paperworkCurrent: boolean;
}

/** The first day inside the rule's window ending `today`. */
export function windowStart(today: string): string {
  return monthsBefore(today, READINESS_RULE.windowMonths);
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** The facts the grade rests on; attendance is capped at the whole roll per session. */
export function readinessFacts(i: ReadinessInputs): TReadinessFacts {
  const from = windowStart(i.today);
  const inWindow = i.sessions.filter((s) => s.heldOn > from && s.heldOn <= i.today);
  const drills = inWindow.filter((s) => s.kind === 'joint_drill');
  const scored = inWindow.filter((s) => s.score !== null);
  const rates = inWindow.map((s) => (i.rollSize > 0 ? Math.min(1, s.attendees / i.rollSize) : 0));
  return {
    jointDrills: drills.length,
    latestJointDrillOn:
      drills
        .map((s) => s.heldOn)
        .sort()
        .at(-1) ?? null,
    sessions: inWindow.length,
    attendance: rates.length > 0 ? round(rates.reduce((a, b) => a + b, 0) / rates.length, 3) : null,
    scoredSessions: scored.length,
    averageScore:
      scored.length > 0 ? round(scored.reduce((a, s) => a + s.score!, 0) / scored.length, 1) : null,
    paperworkCurrent: i.paperworkCurrent,
  };
}

/**
 * The readiness grade (docs/forces.md "Readiness grade"), from the facts of the last twelve
 * months:
 * - A: paperwork current; at least 2 joint drills, the latest within 6 months; attendance at
 *   least 70 %; at least one scored session and an average score of at least 85.
 * - B: paperwork current; at least 1 joint drill; attendance at least 50 %; an average score of at
 *   least 70 when any session was scored.
 * - C: anything less.
 * `missing` says, in both languages, what keeps the team from the next grade up.
 */
export function gradeReadiness(
  today: string,
  f: TReadinessFacts,
): { grade: TeamReadiness; missing: string[] } {
  const a = READINESS_RULE.A;
  const b = READINESS_RULE.B;
  const attendance = f.attendance ?? 0;
  const paperwork = f.paperworkCurrent
    ? []
    : ['保险或证书未在有效期内 / insurance or certificates are not current'];
  const forB = [
    ...paperwork,
    ...(f.jointDrills >= b.jointDrills
      ? []
      : ['近 12 个月无联训联演 / no joint drill in the last 12 months']),
    ...(attendance >= b.attendance
      ? []
      : [`出勤率低于 ${b.attendance * 100}% / attendance below ${b.attendance * 100}%`]),
    ...(f.averageScore === null || f.averageScore >= b.score
      ? []
      : [`平均评分低于 ${b.score} / average score below ${b.score}`]),
  ];
  if (forB.length > 0) return { grade: 'C', missing: forB };
  const recent = monthsBefore(today, a.latestJointDrillMonths);
  const forA = [
    ...(f.jointDrills >= a.jointDrills
      ? []
      : [`近 12 个月联训联演少于 ${a.jointDrills} 次 / fewer than ${a.jointDrills} joint drills`]),
    ...(f.latestJointDrillOn !== null && f.latestJointDrillOn > recent
      ? []
      : [
          `近 ${a.latestJointDrillMonths} 个月无联训联演 / no joint drill in the last ${a.latestJointDrillMonths} months`,
        ]),
    ...(attendance >= a.attendance
      ? []
      : [`出勤率低于 ${a.attendance * 100}% / attendance below ${a.attendance * 100}%`]),
    ...(f.averageScore !== null && f.averageScore >= a.score
      ? []
      : [`平均评分未达 ${a.score} / average score not yet ${a.score}`]),
  ];
  return forA.length > 0 ? { grade: 'B', missing: forA } : { grade: 'A', missing: [] };
}
