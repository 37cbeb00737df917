import { describe, expect, it } from 'vitest';
import { REMEDY_NOTICE, ZOrderRequest, personalFieldNames } from '@muster/contracts';
import { ownerKeepUntil } from './owner-holds.ts';
import { remedyDeadlines, remedyEnd, remedyNotice } from './remedy.ts';

describe('remedy notice and periods (small)', () => {
  it('says exactly how to seek remedy, in Chinese and English, with art. 13', () => {
    expect(REMEDY_NOTICE.zh).toBe(
      '救济途径：如不服本决定，可以自知道或者应当知道本决定之日起六十日内依法申请行政复议，' +
        '或者自知道或者应当知道本决定之日起六个月内依法向人民法院提起行政诉讼。' +
        '因依法采取突发事件应对措施，致使诉讼、行政复议等活动不能正常进行的，' +
        '依照《中华人民共和国突发事件应对法》第十三条，适用有关时效中止和程序中止的规定，法律另有规定的除外。',
    );
    expect(REMEDY_NOTICE.en).toContain('administrative reconsideration within 60 days');
    expect(REMEDY_NOTICE.en).toContain(
      'administrative lawsuit before a people’s court within 6 months',
    );
    expect(REMEDY_NOTICE.en).toContain('suspension of limitation periods');
    expect(REMEDY_NOTICE.en).toContain('art. 13');
  });

  it('counts 60 days and 6 months from the day after the decision, in China time', () => {
    // 23:30 UTC on 30 August is already 31 August in Beibei.
    expect(remedyDeadlines(new Date('2026-08-30T23:30:00Z'))).toEqual({
      reconsiderationUntil: '2026-10-30',
      litigationUntil: '2027-02-28',
    });
    expect(remedyDeadlines(new Date('2027-08-31T10:00:00+08:00')).litigationUntil).toBe(
      '2028-02-29',
    );
    expect(remedyDeadlines(new Date('2026-07-10T10:00:00+08:00'))).toEqual({
      reconsiderationUntil: '2026-09-08',
      litigationUntil: '2027-01-10',
    });
    expect(remedyEnd(new Date('2026-07-10T10:00:00+08:00')).toISOString()).toBe(
      '2027-01-10T16:00:00.000Z',
    );
    expect(remedyNotice(new Date('2026-07-10T10:00:00+08:00')).zh).toBe(REMEDY_NOTICE.zh);
  });

  it('keeps owners’ details while a case is open and until the remedy period ends', () => {
    const now = new Date('2026-07-10T00:00:00Z');
    const day = 86_400_000;
    const open = ownerKeepUntil({ open: true, lastDecisionAt: null, currentUntil: null, now });
    expect(open?.getTime()).toBe(now.getTime() + 90 * day);
    // No churn while the hold reaches past the renewal margin.
    expect(ownerKeepUntil({ open: true, lastDecisionAt: null, currentUntil: open, now })).toBe(
      open,
    );
    const decided = new Date('2026-07-09T02:00:00Z');
    expect(
      ownerKeepUntil({ open: false, lastDecisionAt: decided, currentUntil: open, now }),
    ).toEqual(remedyEnd(decided));
    const later = new Date(remedyEnd(decided).getTime() + 1);
    expect(
      ownerKeepUntil({ open: false, lastDecisionAt: decided, currentUntil: open, now: later }),
    ).toBeNull();
  });

  it('classifies the owner’s name, phone, address and ID number', () => {
    const names = personalFieldNames([ZOrderRequest]);
    for (const f of ['name', 'phone', 'idNumber', 'address']) expect(names).toContain(f);
    expect(names).not.toContain('unitName');
  });
});
