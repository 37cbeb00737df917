import { describe, expect, it } from 'vitest';
import type { TReadinessFacts } from '@muster/contracts';
import { gradeReadiness, readinessFacts, type SessionFacts } from './readiness-rule.ts';

const TODAY = '2026-06-30';
const drill = (heldOn: string, attendees = 8, score: number | null = 90): SessionFacts => ({
  kind: 'joint_drill',
  heldOn,
  attendees,
  score,
});
const grade = (sessions: SessionFacts[], o: { rollSize?: number; paperwork?: boolean } = {}) => {
  const facts = readinessFacts({
    today: TODAY,
    sessions,
    rollSize: o.rollSize ?? 10,
    paperworkCurrent: o.paperwork ?? true,
  });
  return { facts, ...gradeReadiness(TODAY, facts) };
};

describe('readiness rule', () => {
  it('grades A at the thresholds exactly: 2 joint drills, latest within 6 months, 70 %, 85', () => {
    const r = grade([drill('2025-07-01', 7, 85), drill('2026-01-01', 7, 85)]);
    expect(r.facts).toMatchObject({ jointDrills: 2, attendance: 0.7, averageScore: 85 });
    expect(r.grade).toBe('A');
    expect(r.missing).toEqual([]);
  });

  it('counts only the last 12 months: a drill on the window’s first day is out', () => {
    const r = grade([drill('2025-06-30'), drill('2026-03-01')]);
    expect(r.facts.jointDrills).toBe(1);
    expect(r.grade).toBe('B');
    expect(r.missing.join()).toMatch(/fewer than 2 joint drills/);
  });

  it('drops to B when the latest joint drill is older than 6 months', () => {
    expect(grade([drill('2025-08-01'), drill('2025-12-30')]).grade).toBe('B');
    expect(grade([drill('2025-08-01'), drill('2025-12-31')]).grade).toBe('A');
  });

  it('drops to B just under 70 % attendance or an 85 average, and needs a score for A', () => {
    expect(grade([drill('2026-01-01', 7, 85), drill('2026-02-01', 6, 85)]).grade).toBe('B');
    expect(grade([drill('2026-01-01', 8, 85), drill('2026-02-01', 8, 84)]).grade).toBe('B');
    expect(grade([drill('2026-01-01', 8, null), drill('2026-02-01', 8, null)]).grade).toBe('B');
  });

  it('grades C without current paperwork, without a joint drill, under 50 % or a 70 average', () => {
    const good = [drill('2026-01-01'), drill('2026-02-01')];
    expect(grade(good, { paperwork: false }).grade).toBe('C');
    const training: SessionFacts[] = [
      { kind: 'training', heldOn: '2026-05-01', attendees: 10, score: 95 },
    ];
    expect(grade(training).grade).toBe('C');
    expect(grade([drill('2026-01-01', 4)]).grade).toBe('C');
    expect(grade([drill('2026-01-01', 5)]).grade).toBe('B');
    expect(grade([drill('2026-01-01', 8, 69)]).grade).toBe('C');
    expect(grade([drill('2026-01-01', 8, 70)]).grade).toBe('B');
  });

  it('caps attendance at the roll and reads an empty roll as no attendance', () => {
    expect(grade([drill('2026-01-01', 30)], { rollSize: 10 }).facts.attendance).toBe(1);
    const empty: TReadinessFacts = grade([drill('2026-01-01', 0)], { rollSize: 0 }).facts;
    expect(empty.attendance).toBe(0);
    expect(gradeReadiness(TODAY, empty).grade).toBe('C');
  });

  it('ignores sessions recorded for days after today', () => {
    expect(grade([drill('2026-07-01'), drill('2026-07-02')]).facts.sessions).toBe(0);
  });
});
