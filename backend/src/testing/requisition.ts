import { randomBytes } from 'node:crypto';
import type { TOrderRequest } from '@muster/contracts';
import { buildIdNumber, buildMobile } from './forces.ts';

/** Builders of unique requisition data for one test. */
export function buildOrderRequest(
  incidentId: string,
  o: Partial<TOrderRequest> & { ownerKind?: 'person' | 'unit' } = {},
): TOrderRequest {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const { ownerKind = 'person', ...rest } = o;
  return {
    incidentId,
    requestingUnit: '北碚区应急管理局',
    legalBasis: '《中华人民共和国突发事件应对法》第十二条、第七十六条',
    purpose: '转移澄江镇被困群众',
    owner:
      ownerKind === 'person'
        ? {
            kind: 'person',
            name: `王船主${tag}`,
            phone: buildMobile(),
            idNumber: buildIdNumber(),
            address: '北碚区澄江镇运河村3组',
          }
        : {
            kind: 'unit',
            unitName: `重庆嘉陵航运有限公司${tag}`,
            name: `李经理${tag}`,
            phone: buildMobile(),
          },
    items: [
      {
        kind: 'vehicle',
        description: '冲锋舟（含 40 马力舷外机）',
        identification: `渝北碚${tag}`,
        quantity: '1',
        unit: '艘',
        conditionAtHandover: '船体完好，发动机运转正常，油量半箱',
      },
      {
        kind: 'materials',
        description: '救生衣',
        identification: `批次${tag}`,
        quantity: '40',
        unit: '件',
        conditionAtHandover: '全新未拆封',
      },
    ],
    place: { address: '北碚区澄江镇码头', point: { lon: 106.44, lat: 29.85 } },
    expectedPeriod: { from: '2026-07-10T08:00:00+08:00', until: '2026-07-13T08:00:00+08:00' },
    ...rest,
  };
}
