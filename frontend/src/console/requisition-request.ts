import type { ItemKind } from '@muster/contracts';
import { pointOf, textOrUndefined } from './form-values.ts';
import { isoOfLocalInput } from './labels.ts';

/** One item as typed. */
export interface ItemDraft {
  kind: ItemKind;
  description: string;
  identification: string;
  quantity: string;
  unit: string;
  condition: string;
}

/** 征用申请 as typed; the owner's boxes of both kinds are kept while the officer switches. */
export interface OrderDraft {
  requestingUnit: string;
  legalBasis: string;
  purpose: string;
  ownerKind: 'unit' | 'person';
  unitName: string;
  creditCode: string;
  ownerName: string;
  ownerPhone: string;
  idNumber: string;
  ownerAddress: string;
  items: ItemDraft[];
  placeAddress: string;
  lon: string;
  lat: string;
  /** `datetime-local`, in the browser's time zone. */
  from: string;
  until: string;
}

export function emptyItem(kind: ItemKind = 'vehicle'): ItemDraft {
  return { kind, description: '', identification: '', quantity: '1', unit: '', condition: '' };
}

/** The owner as the schema's union has it: only the boxes of the kind chosen are sent. */
function ownerOf(d: OrderDraft) {
  const common = {
    name: d.ownerName,
    phone: d.ownerPhone.trim(),
    address: textOrUndefined(d.ownerAddress),
  };
  return d.ownerKind === 'unit'
    ? {
        kind: 'unit' as const,
        unitName: d.unitName,
        creditCode: textOrUndefined(d.creditCode),
        ...common,
      }
    : { kind: 'person' as const, idNumber: d.idNumber, ...common };
}

/**
 * The `requestRequisition` body of a draft for the incident, for `ZOrderRequest` to judge. A
 * blank quantity or unit is left out, so the schema's defaults (1, 台) apply.
 */
export function orderRequestOf(incidentId: string, d: OrderDraft) {
  return {
    incidentId,
    requestingUnit: d.requestingUnit,
    legalBasis: d.legalBasis,
    purpose: d.purpose,
    owner: ownerOf(d),
    items: d.items.map((i) => ({
      kind: i.kind,
      description: i.description,
      identification: i.identification,
      quantity: textOrUndefined(i.quantity),
      unit: textOrUndefined(i.unit),
      conditionAtHandover: i.condition,
    })),
    place: { address: d.placeAddress, point: pointOf(d.lon, d.lat) },
    expectedPeriod: { from: isoOfLocalInput(d.from), until: isoOfLocalInput(d.until) },
  };
}
