import { describe, expect, it } from 'vitest';
import type { TWarningArea } from '@muster/contracts';
import { readCap } from './cap-doc.ts';
import { profileProblems } from './cap-profile.ts';
import { writeCap, type CapInput, type CapMsgType } from './cap-writer.ts';
import { xsdErrors } from './cap-xsd.ts';

const sent = new Date('2025-07-01T01:30:00Z');
const ring: [number, number][] = [
  [106.4, 29.8],
  [106.5, 29.8],
  [106.5, 29.9],
  [106.4, 29.8],
];
const areas: Record<string, TWarningArea> = {
  polygon: {
    description: '天生街道',
    codes: [],
    polygons: [{ type: 'Polygon', coordinates: [ring] }],
    circles: [],
  },
  circle: {
    description: '水库下游5公里',
    codes: [],
    polygons: [],
    circles: [{ center: { lon: 106.43, lat: 29.82 }, radiusKm: 5 }],
  },
  geocode: { description: '北碚区', codes: ['500109', '500109001'], polygons: [], circles: [] },
};

function message(
  msgType: CapMsgType,
  exercise: boolean,
  area: TWarningArea,
  o: Partial<CapInput> = {},
) {
  const earlier =
    msgType === 'Alert'
      ? []
      : [
          {
            sender: 'yjj.beibei.cq.gov.cn',
            identifier: 'MUSTER-1',
            sent: '2025-07-01T09:00:00+08:00',
          },
        ];
  return writeCap({
    identifier: `MUSTER-${msgType}-${exercise}`,
    sender: 'yjj.beibei.cq.gov.cn',
    senderName: '重庆市北碚区应急管理局',
    sent,
    msgType,
    exercise,
    references: earlier,
    note: msgType === 'Alert' ? undefined : '雨势减弱 & <调整>',
    warning: {
      category: 'rainstorm',
      level: 'orange',
      headline: '北碚区暴雨橙色预警',
      headlineEn: 'Beibei rainstorm orange warning',
      area,
      onset: sent,
      expiresAt: new Date(sent.getTime() + 86_400_000),
      impacts: '可能引发山洪',
      measures: [{ zh: '启动应急预案', en: 'Activate the plan' }],
      advice: '远离河道',
    },
    ...o,
  });
}

describe('CAP 1.2 messages Muster writes', () => {
  const cases = (['Alert', 'Update', 'Cancel'] as const).flatMap((t) =>
    [false, true].flatMap((ex) => Object.keys(areas).map((a) => [t, ex, a] as const)),
  );
  it.each(cases)(
    '%s, exercise %s, area by %s: valid against the OASIS XSD and our profile',
    async (t, ex, a) => {
      const { xml } = message(t, ex, areas[a]!);
      expect(await xsdErrors(xml)).toEqual([]);
      const doc = readCap(xml);
      expect(doc.status).toBe(ex ? 'Exercise' : 'Actual');
      expect(doc.sent).toBe('2025-07-01T09:30:00+08:00');
      expect(profileProblems(doc, { own: true, exercise: ex })).toEqual([]);
      expect(doc.infos.map((i) => i.language)).toEqual(['zh-CN', 'en-US']);
      expect(doc.infos[0]!.parameters).toContainEqual({ valueName: '预警级别', value: '橙' });
      expect(doc.infos[0]!.severity).toBe('Severe');
      if (a === 'polygon')
        expect(doc.infos[0]!.areas[0]!.polygons[0]).toBe(
          '29.8,106.4 29.8,106.5 29.9,106.5 29.8,106.4',
        );
    },
  );

  it('the profile catches what the XSD cannot', () => {
    const ok = readCap(message('Update', false, areas.polygon!).xml);
    const broken = (patch: (d: typeof ok) => void) => {
      const d = structuredClone(ok);
      patch(d);
      return profileProblems(d, { own: true, exercise: false }).join(' | ');
    };
    const poly = (p: string) => (d: typeof ok) => void (d.infos[0]!.areas[0]!.polygons = [p]);
    expect(broken(poly('106.4,29.8 106.5,29.8 106.5,29.9 106.4,29.8'))).toMatch(/latitude first/);
    expect(broken(poly('29.8,106.4 29.8,106.5 29.9,106.5 29.9,106.4'))).toMatch(
      /end where it starts/,
    );
    expect(broken(poly('29.8,106.4 29.8,106.5 29.8,106.4'))).toMatch(/four positions/);
    expect(broken(poly('29.8,106.4 29.9,106.5 29.8,106.5 29.9,106.4 29.8,106.4'))).toMatch(
      /cross itself/,
    );
    expect(broken((d) => void (d.identifier = 'A B'))).toMatch(/identifier/);
    expect(broken((d) => void (d.sender = 'a,b'))).toMatch(/sender/);
    expect(broken((d) => void (d.sent = '2025-07-01T01:30:00-05:00'))).toMatch(/\+08:00/);
    expect(broken((d) => void (d.restriction = 'office only'))).toMatch(/Restricted/);
    expect(broken((d) => void (d.status = 'Exercise'))).toMatch(/Actual/);
    expect(profileProblems(ok, { exercise: true }).join()).toMatch(/status Exercise/);
    expect(broken((d) => void (d.references = undefined))).toMatch(/must reference/);
    expect(
      broken((d) => void (d.references = `yjj.beibei.cq.gov.cn,${d.identifier},${d.sent}`)),
    ).toMatch(/itself/);
    expect(broken((d) => void (d.infos[0]!.severity = 'Minor'))).toMatch(/severity/);
    expect(broken((d) => void (d.infos[0]!.parameters = []))).toMatch(/预警级别/);
    const earlier = [
      { sender: 'yjj.beibei.cq.gov.cn', identifier: 'MUSTER-1', sent: '2025-07-01T09:00:00+08:00' },
      { sender: 'yjj.beibei.cq.gov.cn', identifier: 'MUSTER-2', sent: '2025-07-01T09:10:00+08:00' },
    ];
    expect(profileProblems(ok, { own: true, exercise: false, earlier }).join()).toMatch(
      /every earlier message/,
    );
  });

  it('the XSD refuses a sent time in Z and an unknown status', async () => {
    const { xml } = message('Alert', false, areas.geocode!);
    expect((await xsdErrors(xml.replace('+08:00</sent>', 'Z</sent>'))).join()).toMatch(/sent/);
    expect((await xsdErrors(xml.replace('<status>Actual', '<status>Real'))).join()).toMatch(
      /status/,
    );
  });
});
