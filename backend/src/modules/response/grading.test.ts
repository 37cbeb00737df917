import { describe, expect, it } from 'vitest';
import {
  ZGradeThresholds,
  ZIncidentCriteria,
  ZPlanBody,
  type TIncidentCriteria,
} from '@muster/contracts';
import { DEFAULT_GRADING, suggestGrade } from './grading.ts';
import { deadlineState, dueAfter } from './deadlines.ts';
import { DEFAULT_REPORTING } from './rules.ts';
import { DEMO_FLOOD_PLAN } from './demo-plan.ts';

const c = (o: Partial<TIncidentCriteria>): TIncidentCriteria => ZIncidentCriteria.parse(o);
const grade = (
  o: Partial<TIncidentCriteria>,
  category: keyof typeof DEFAULT_GRADING = 'accident',
) => suggestGrade(c(o), DEFAULT_GRADING[category], { category, subtype: '*' });
const YI = 10_000_000_000; // 1亿元 in fen

describe('grade suggestions at the threshold edges (art. 3)', () => {
  it.each([
    [{ deaths: 2 }, 'IV'],
    [{ deaths: 3 }, 'III'],
    [{ deaths: 9 }, 'III'],
    [{ deaths: 10 }, 'II'],
    [{ deaths: 29 }, 'II'],
    [{ deaths: 30 }, 'I'],
    [{ deaths: 29, missing: 1 }, 'I'],
    [{ injuries: 9 }, 'IV'],
    [{ injuries: 10 }, 'III'],
    [{ injuries: 49 }, 'III'],
    [{ injuries: 50 }, 'II'],
    [{ injuries: 99 }, 'II'],
    [{ injuries: 100 }, 'I'],
    [{ directLossFen: YI / 10 - 1 }, 'IV'],
    [{ directLossFen: YI / 10 }, 'III'],
    [{ directLossFen: YI / 2 - 1 }, 'III'],
    [{ directLossFen: YI / 2 }, 'II'],
    [{ directLossFen: YI - 1 }, 'II'],
    [{ directLossFen: YI }, 'I'],
    [{}, 'IV'],
  ] as const)('accident %o → %s', (criteria, expected) => {
    expect(grade(criteria).grade).toBe(expected);
  });

  it('counts people affected only where the category has a bar for them', () => {
    expect(grade({ affected: 999 }, 'natural_disaster').grade).toBe('IV');
    expect(grade({ affected: 1_000 }, 'natural_disaster').grade).toBe('III');
    expect(grade({ affected: 100_000 }, 'natural_disaster').grade).toBe('I');
    expect(grade({ affected: 1_000_000 }, 'accident').grade).toBe('IV');
  });

  it('names every metric that reaches the suggested grade, and the highest grade wins', () => {
    const s = grade({ deaths: 12, injuries: 60, directLossFen: YI / 10 });
    expect(s.grade).toBe('II');
    expect(s.reasons).toEqual([
      { metric: 'deaths', value: 12, threshold: 10, grade: 'II' },
      { metric: 'injuries', value: 60, threshold: 50, grade: 'II' },
    ]);
    expect(grade({}).reasons).toEqual([]);
  });

  it('refuses thresholds where a lower grade demands more than a higher one, naming the field', () => {
    const bad = ZGradeThresholds.safeParse({
      I: { deaths: 10 },
      II: { deaths: 30 },
      III: { deaths: 3 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['II.deaths']);
    for (const t of Object.values(DEFAULT_GRADING))
      expect(ZGradeThresholds.safeParse(t).success).toBe(true);
  });
});

describe('report deadlines', () => {
  const at = new Date('2026-07-01T00:00:00Z');
  it('counts the initial report in minutes, follow-ups in hours and the final report in days', () => {
    const t = { initialMinutes: 60, followUpHours: 6, finalDays: 15 };
    expect(dueAfter('initial', at, t).toISOString()).toBe('2026-07-01T01:00:00.000Z');
    expect(dueAfter('follow_up', at, t).toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(dueAfter('final', at, t).toISOString()).toBe('2026-07-16T00:00:00.000Z');
    expect(DEFAULT_REPORTING['*'].initialMinutes).toBe(60);
    expect(DEFAULT_REPORTING.I.followUpHours).toBeLessThan(DEFAULT_REPORTING.IV.followUpHours);
  });

  it('is on time at the very instant it is due and overdue a moment later', () => {
    const dueAt = new Date('2026-07-01T01:00:00Z');
    const open = { dueAt, satisfiedAt: null, cancelledAt: null };
    expect(deadlineState(open, new Date('2026-07-01T00:59:00Z'))).toEqual({
      status: 'pending',
      secondsLeft: 60,
    });
    expect(deadlineState(open, dueAt)).toEqual({ status: 'pending', secondsLeft: 0 });
    expect(deadlineState(open, new Date('2026-07-01T01:00:01Z'))).toEqual({
      status: 'overdue',
      secondsLeft: -1,
    });
    expect(
      deadlineState({ ...open, satisfiedAt: dueAt }, new Date('2026-07-02T00:00:00Z')).status,
    ).toBe('met');
    expect(
      deadlineState({ ...open, satisfiedAt: new Date(dueAt.getTime() + 1) }, dueAt).status,
    ).toBe('met_late');
    expect(deadlineState({ ...open, cancelledAt: at }, dueAt).status).toBe('cancelled');
  });
});

describe('plans as data', () => {
  it('the demo flood plan is a valid plan with tasks at every level', () => {
    const p = ZPlanBody.parse(DEMO_FLOOD_PLAN);
    expect(p.departments.map((d) => d.name.zh)).toEqual(
      expect.arrayContaining([
        '区应急管理局',
        '区水利局',
        '区住房城乡建委',
        '区交通局',
        '北碚区公安分局',
        '区卫生健康委',
        '区民政局',
      ]),
    );
    const count = (l: 'I' | 'IV') => p.tasks.filter((t) => t.levels.includes(l)).length;
    expect(count('I')).toBeGreaterThan(count('IV'));
  });

  it('refuses a plan whose tasks name an unknown department, naming the field', () => {
    const bad = ZPlanBody.safeParse({
      ...DEMO_FLOOD_PLAN,
      tasks: [
        ...DEMO_FLOOD_PLAN.tasks,
        { ...DEMO_FLOOD_PLAN.tasks[0]!, key: 'x', departmentId: 'nowhere' },
      ],
      subtypes: ['urban_waterlogging', 'earthquake-ish'],
    });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining([`tasks.${DEMO_FLOOD_PLAN.tasks.length}.departmentId`, 'subtypes.1']),
    );
  });
});
