import { AppError } from '@muster/contracts';
import { CAP_NS, childText, childrenNamed, parseXml, type XmlNode } from './cap-parse.ts';

export interface CapPair {
  valueName: string;
  value: string;
}
export interface CapArea {
  areaDesc: string;
  polygons: string[];
  circles: string[];
  geocodes: CapPair[];
}
export interface CapInfo {
  language: string;
  categories: string[];
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  eventCodes: CapPair[];
  effective?: string | undefined;
  onset?: string | undefined;
  expires?: string | undefined;
  senderName?: string | undefined;
  headline?: string | undefined;
  description?: string | undefined;
  instruction?: string | undefined;
  parameters: CapPair[];
  areas: CapArea[];
}
/** A CAP alert as read back: the fields the profile checks and the importer maps. */
export interface CapDoc {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  scope: string;
  restriction?: string | undefined;
  note?: string | undefined;
  references?: string | undefined;
  infos: CapInfo[];
}

const pairs = (n: XmlNode, name: string): CapPair[] =>
  childrenNamed(n, name).map((p) => ({
    valueName: childText(p, 'valueName') ?? '',
    value: childText(p, 'value') ?? '',
  }));

function info(n: XmlNode): CapInfo {
  return {
    language: childText(n, 'language') ?? 'en-US',
    categories: childrenNamed(n, 'category').map((c) => c.text.trim()),
    event: childText(n, 'event') ?? '',
    urgency: childText(n, 'urgency') ?? '',
    severity: childText(n, 'severity') ?? '',
    certainty: childText(n, 'certainty') ?? '',
    eventCodes: pairs(n, 'eventCode'),
    effective: childText(n, 'effective'),
    onset: childText(n, 'onset'),
    expires: childText(n, 'expires'),
    senderName: childText(n, 'senderName'),
    headline: childText(n, 'headline'),
    description: childText(n, 'description'),
    instruction: childText(n, 'instruction'),
    parameters: pairs(n, 'parameter'),
    areas: childrenNamed(n, 'area').map((a) => ({
      areaDesc: childText(a, 'areaDesc') ?? '',
      polygons: childrenNamed(a, 'polygon').map((p) => p.text.trim()),
      circles: childrenNamed(a, 'circle').map((p) => p.text.trim()),
      geocodes: pairs(a, 'geocode'),
    })),
  };
}

/** Reads a CAP 1.2 alert from untrusted XML (safely; see `parseXml`). */
export function readCap(xml: string): CapDoc {
  const root = parseXml(xml);
  if (root.name !== 'alert' || root.ns !== CAP_NS)
    throw new AppError('monitoring.cap_invalid', `root element must be <alert xmlns="${CAP_NS}">`);
  return {
    identifier: childText(root, 'identifier') ?? '',
    sender: childText(root, 'sender') ?? '',
    sent: childText(root, 'sent') ?? '',
    status: childText(root, 'status') ?? '',
    msgType: childText(root, 'msgType') ?? '',
    scope: childText(root, 'scope') ?? '',
    restriction: childText(root, 'restriction'),
    note: childText(root, 'note'),
    references: childText(root, 'references'),
    infos: childrenNamed(root, 'info').map(info),
  };
}
