import { ZOrderRequest, ZReportIncidentRequest } from '@muster/contracts';
import type { TCallupBoardRow, TCallupLiveRow } from '@muster/contracts';
import { describe, expect, it } from 'vitest';
import { messageIn, zodFieldErrors } from './api.ts';
import { consolePath, consoleViewOf } from './console-route.ts';
import { clockText } from './deadline-countdown.tsx';
import { pageOf } from './drills-page.tsx';
import { codesOf, errorUnder, pointOf } from './form-values.ts';
import { incidentRequestOf } from './incident-request.ts';
import type { IncidentDraft } from './incident-request.ts';
import { emptyItem, orderRequestOf } from './requisition-request.ts';
import type { OrderDraft } from './requisition-request.ts';
import { liveSignature, mergeBoard } from './live-board.ts';

const ID = '01a22a40-7024-73a9-9956-0bbba34c2b7f';

describe('console paths', () => {
  it('names each sub-page and sends /console to the role’s start', () => {
    expect(consoleViewOf('/console', 'warnings')).toEqual({ page: 'warnings' });
    expect(consoleViewOf('/console/', 'incidents')).toEqual({ page: 'incidents' });
    expect(consoleViewOf('/console/requisition', 'warnings')).toEqual({ page: 'requisition' });
    expect(consoleViewOf('/console/drills', 'warnings')).toEqual({ page: 'drills' });
    expect(consoleViewOf(`/console/incidents/${ID}`, 'warnings')).toEqual({
      page: 'incident',
      id: ID,
    });
    expect(consoleViewOf(`/console/callups/${ID}`, 'warnings')).toEqual({ page: 'callup', id: ID });
  });

  it('refuses what it does not know rather than guessing', () => {
    for (const p of [
      '/console/nowhere',
      '/console/incidents/not-an-id',
      `/console/warnings/${ID}`,
      `/console/incidents/${ID}/more`,
      `/console/drills/${ID}`,
    ])
      expect(consoleViewOf(p, 'warnings')).toEqual({ page: 'not-found' });
  });

  it('builds the paths it reads', () => {
    expect(consoleViewOf(consolePath('callups', ID), 'warnings')).toEqual({
      page: 'callup',
      id: ID,
    });
  });
});

describe('drill runs a page at a time', () => {
  it('slices the newest first and says whether another page follows', () => {
    const runs = Array.from({ length: 23 }, (_, i) => i);
    expect(pageOf(runs, 1)).toEqual({ rows: runs.slice(0, 10), more: true });
    expect(pageOf(runs, 3)).toEqual({ rows: [20, 21, 22], more: false });
    expect(pageOf(runs.slice(0, 10), 1).more).toBe(false);
  });
});

describe('bilingual server messages', () => {
  it('keeps the reader’s half', () => {
    const m =
      '启动应急响应须明确响应事项（第七十二条）/ matters is required to activate a response (art. 72)';
    expect(messageIn(m, 'zh-CN')).toBe('启动应急响应须明确响应事项（第七十二条）');
    expect(messageIn(m, 'en')).toBe('matters is required to activate a response (art. 72)');
    expect(messageIn('范围 / give area codes', 'en')).toBe('give area codes');
  });

  it('leaves a one-language message whole', () => {
    expect(messageIn('a phone number', 'zh-CN')).toBe('a phone number');
    expect(messageIn('10 / 20', 'en')).toBe('10 / 20');
  });
});

describe('countdown text', () => {
  it('shows hours only when there are some', () => {
    expect(clockText(59)).toBe('0:59');
    expect(clockText(3599)).toBe('59:59');
    expect(clockText(3600)).toBe('1:00:00');
    expect(clockText(-125)).toBe('2:05');
  });
});

describe('the acceptance board with live rows', () => {
  const row: TCallupBoardRow = {
    teamId: ID,
    teamName: '北碚蓝天救援队',
    capability: 'water_rescue',
    status: 'alerted',
    deployment: null,
    alertedAt: '2026-12-01T00:00:00.000Z',
    ackDeadline: '2026-12-01T00:15:00.000Z',
    answeredAt: null,
    people: null,
    memberIds: [],
    declineReason: null,
    checkedInAt: null,
    statusAt: null,
    stoodDownAt: null,
    escalatedFrom: null,
    leader: {},
  };
  const live = (at: string, o: Partial<TCallupLiveRow> = {}): Map<string, TCallupLiveRow> =>
    new Map([
      [
        ID,
        {
          callupId: ID,
          incidentId: ID,
          teamId: ID,
          exercise: false,
          status: 'accepted',
          deployment: null,
          at,
          people: 6,
          ...o,
        },
      ],
    ]);

  it('takes a newer live status at once, keeping the names from REST', () => {
    const [merged] = mergeBoard([row], live('2026-12-01T00:03:00.000Z'));
    expect(merged).toMatchObject({ status: 'accepted', people: 6, teamName: '北碚蓝天救援队' });
  });

  it('ignores a live row older than what REST already says', () => {
    const answered = {
      ...row,
      status: 'declined' as const,
      answeredAt: '2026-12-01T00:05:00.000Z',
    };
    expect(mergeBoard([answered], live('2026-12-01T00:03:00.000Z'))[0]?.status).toBe('declined');
  });

  it('changes its signature whenever a live row does', () => {
    const a = liveSignature(live('2026-12-01T00:03:00.000Z'));
    expect(liveSignature(live('2026-12-01T00:03:00.000Z'))).toBe(a);
    expect(liveSignature(live('2026-12-01T00:04:00.000Z'))).not.toBe(a);
    expect(liveSignature(new Map())).toBe('');
  });
});

describe('form boxes into request bodies', () => {
  it('splits area codes on commas of either width and spaces', () => {
    expect(codesOf('500109, 500109001，500109002  500109003')).toEqual([
      '500109',
      '500109001',
      '500109002',
      '500109003',
    ]);
    expect(codesOf('  ')).toEqual([]);
  });

  it('leaves a point out when both boxes are empty and sends half of one as typed', () => {
    expect(pointOf('', ' ')).toBeUndefined();
    expect(pointOf('106.437', '29.825')).toEqual({ lon: 106.437, lat: 29.825 });
    expect(pointOf('106.437', '')).toEqual({ lon: 106.437 });
    expect(pointOf('east', '29.8')?.lon).toBeNaN();
  });

  it('finds the error of a field or of anything under it', () => {
    const errors = { 'areaCodes.1': 'unknown', title: 'too short' };
    expect(errorUnder(errors, 'areaCodes')).toBe('unknown');
    expect(errorUnder(errors, 'title')).toBe('too short');
    expect(errorUnder(errors, 'area')).toBeUndefined();
  });
});

describe('接报: the incident form’s body', () => {
  const draft: IncidentDraft = {
    category: 'natural_disaster',
    subtype: 'urban_waterlogging',
    title: '天生街道下穿通道积水',
    description: '',
    source: 'phone',
    warningId: 'left over from another source',
    sourceDetail: ' ',
    awareAt: '2026-07-10T08:00',
    lon: '106.437',
    lat: '29.825',
    areaCodes: '500109001',
    reporterName: '',
    reporterPhone: '',
    criteria: { deaths: '', missing: '', injuries: '2', affected: '' },
    exercise: false,
  };

  it('is what the contract accepts, blanks left out', () => {
    const body = incidentRequestOf(draft);
    expect(body).toMatchObject({
      location: { lon: 106.437, lat: 29.825 },
      areaCodes: ['500109001'],
      criteria: { injuries: 2 },
      awareAt: new Date('2026-07-10T08:00').toISOString(),
    });
    expect(body.warningId).toBeUndefined();
    expect(body.reporter).toBeUndefined();
    expect(body.description).toBeUndefined();
    expect(body.sourceDetail).toBeUndefined();
    expect(ZReportIncidentRequest.safeParse(body).success).toBe(true);
  });

  it('names the warning only when the source is one, and the contract asks for it', () => {
    const body = incidentRequestOf({ ...draft, source: 'warning', warningId: '' });
    const parsed = ZReportIncidentRequest.safeParse(body);
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(Object.keys(zodFieldErrors(parsed.error, 'en'))).toContain('warningId');
  });

  it('sends half a reporter so the contract names the missing half', () => {
    const body = incidentRequestOf({ ...draft, reporterName: '李女士' });
    expect(body.reporter).toEqual({ name: '李女士', phone: undefined });
    const parsed = ZReportIncidentRequest.safeParse(body);
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(Object.keys(zodFieldErrors(parsed.error, 'en'))).toEqual(['reporter.phone']);
  });

  it('asks for a place when neither a point nor a code is given', () => {
    const body = incidentRequestOf({ ...draft, lon: '', lat: '', areaCodes: '' });
    const parsed = ZReportIncidentRequest.safeParse(body);
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(Object.keys(zodFieldErrors(parsed.error, 'zh-CN'))).toEqual(['areaCodes']);
  });
});

describe('征用申请: the requisition form’s body', () => {
  const draft: OrderDraft = {
    requestingUnit: '重庆市北碚区应急管理局',
    legalBasis: '《中华人民共和国突发事件应对法》第十二条、第七十六条',
    purpose: '转移嘉陵江沿岸被困群众',
    ownerKind: 'unit',
    unitName: '北碚区澄江镇渔业专业合作社',
    creditCode: '',
    ownerName: '王建国',
    ownerPhone: ' 13800138000 ',
    idNumber: '11010519491231002X',
    ownerAddress: '',
    items: [
      {
        ...emptyItem(),
        description: '冲锋舟',
        identification: '渝北碚渔 0001',
        unit: '艘',
        condition: '船体完好，发动机正常',
      },
    ],
    placeAddress: '澄江镇码头',
    lon: '',
    lat: '',
    from: '2026-07-10T08:00',
    until: '2026-07-11T08:00',
  };

  it('sends only the boxes of the owner kind chosen', () => {
    const body = orderRequestOf(ID, draft);
    expect(body.owner).toEqual({
      kind: 'unit',
      unitName: '北碚区澄江镇渔业专业合作社',
      creditCode: undefined,
      name: '王建国',
      phone: '13800138000',
      address: undefined,
    });
    expect(ZOrderRequest.safeParse(body).success).toBe(true);
    const person = orderRequestOf(ID, { ...draft, ownerKind: 'person' }).owner;
    expect(person).toMatchObject({ kind: 'person', idNumber: '11010519491231002X' });
    expect(person).not.toHaveProperty('unitName');
  });

  it('leaves a blank quantity and unit to the contract’s defaults', () => {
    const body = orderRequestOf(ID, {
      ...draft,
      items: [{ ...draft.items[0]!, quantity: '', unit: '' }],
    });
    const parsed = ZOrderRequest.parse(body);
    expect(parsed.items[0]).toMatchObject({ quantity: '1', unit: '台' });
    expect(parsed.place.point).toBeUndefined();
  });

  it('names the item box the contract refuses', () => {
    const body = orderRequestOf(ID, {
      ...draft,
      items: [draft.items[0]!, { ...emptyItem('materials'), description: '沙袋' }],
    });
    const parsed = ZOrderRequest.safeParse(body);
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(Object.keys(zodFieldErrors(parsed.error, 'en'))).toEqual([
        'items.1.identification',
        'items.1.conditionAtHandover',
      ]);
  });
});
