import fc from 'fast-check';
import { NASTY_STRINGS, hugeString } from './nasty.ts';

/**
 * XML documents that break importers: entity expansion, external entities and DTDs, malformed
 * markup, huge and deeply nested documents, bad encodings. Used on every file importer (CAP)
 * and, as a body of the wrong type, on every JSON endpoint.
 */

const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

/** A minimal CAP-shaped alert: the valid base that mutations start from when no example is given. */
export const MINIMAL_CAP = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="${CAP_NS}">
  <identifier>fuzz-0001</identifier>
  <sender>fuzz@example.org</sender>
  <sent>2025-07-01T08:00:00+08:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <area><areaDesc>北碚区</areaDesc><polygon>29.78,106.38 29.78,106.5 29.88,106.5 29.88,106.38 29.78,106.38</polygon></area>
  </info>
</alert>`;

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<alert xmlns="${CAP_NS}"><identifier>&lol9;</identifier></alert>`;

const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<alert xmlns="${CAP_NS}"><identifier>&xxe;</identifier></alert>`;

const externalDtd = `<?xml version="1.0"?>
<!DOCTYPE alert SYSTEM "http://127.0.0.1:9/cap.dtd">
<alert xmlns="${CAP_NS}"><identifier>x</identifier></alert>`;

const parameterEntity = `<?xml version="1.0"?>
<!DOCTYPE alert [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<alert xmlns="${CAP_NS}"/>`;

/** Whole hostile documents. */
export const HOSTILE_XML: readonly string[] = [
  billionLaughs,
  externalEntity,
  externalDtd,
  parameterEntity,
  '',
  '<',
  '<alert>',
  '<alert></alrt>',
  '<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>a</identifier>',
  '<a><b></a></b>',
  '<alert a="1" a="2"/>',
  '<alert>&undefined;</alert>',
  '<alert><![CDATA[ never closed',
  '<?xml version="1.0" encoding="UTF-16"?><alert/>',
  '<?xml version="1.0" encoding="EBCDIC"?><alert/>',
  '\ufeff\ufeff<alert/>',
  '<alert>\u0000</alert>',
  '<alert>\u0001\u0008\u000b</alert>',
  '<alert><?php system("id"); ?></alert>',
  '<x:alert xmlns:x="urn:other"/>',
  '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"/>',
  '{"identifier":"json, not xml"}',
  `<alert>${'<info>'.repeat(50_000)}${'</info>'.repeat(50_000)}</alert>`,
  `<alert><identifier>${hugeString(1_100_000)}</identifier></alert>`,
  `<alert>${'<note>x</note>'.repeat(100_000)}</alert>`,
];

/** One change to a valid document's text. */
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      ...NASTY_STRINGS,
      '<',
      '>',
      '&',
      ']]>',
      '<!--',
      '&amp',
      '&#0;',
      '&#xD800;',
      '&#1114112;',
    ),
  }),
  fc.record({
    kind: fc.constant('polygon' as const),
    text: fc.constantFrom(
      '29.78,106.38 29.78,106.5 29.88,106.5',
      '29.8,106.4 29.9,106.5 29.8,106.5 29.9,106.4 29.8,106.4',
      'NaN,NaN NaN,NaN NaN,NaN NaN,NaN',
      '91,181 -91,-181 0,0 91,181',
      '1e308,1e308',
      '',
    ),
  }),
  fc.record({
    kind: fc.constant('date' as const),
    text: fc.constantFrom(
      '2025-02-30T00:00:00+08:00',
      '9999-12-31T23:59:59+14:00',
      '0000-01-01T00:00:00Z',
      'yesterday',
      '',
    ),
  }),
);

interface TextMutation {
  kind: 'cut' | 'insert' | 'polygon' | 'date';
  at?: number;
  text?: string;
}

function applyText(doc: string, m: TextMutation): string {
  switch (m.kind) {
    case 'cut':
      return doc.slice(0, (m.at ?? 0) % (doc.length + 1));
    case 'insert': {
      const at = (m.at ?? 0) % (doc.length + 1);
      return doc.slice(0, at) + (m.text ?? '') + doc.slice(at);
    }
    case 'polygon':
      return doc.replace(/<polygon>[^<]*<\/polygon>/g, `<polygon>${m.text ?? ''}</polygon>`);
    case 'date':
      return doc.replace(/<sent>[^<]*<\/sent>/g, `<sent>${m.text ?? ''}</sent>`);
  }
}

/** Valid documents (the given examples), mutated ones, and hostile ones. */
export function xmlDocuments(examples: readonly string[]): fc.Arbitrary<string> {
  const valid = fc.constantFrom(...(examples.length > 0 ? examples : [MINIMAL_CAP]));
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc
        .tuple(valid, fc.array(textMutation, { minLength: 1, maxLength: 3 }))
        .map(([d, ms]) => ms.reduce(applyText, d)),
    },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_XML) },
  );
}

/** Any XML document, for bodies of the wrong type. */
export const xmlDocument: fc.Arbitrary<string> = xmlDocuments([]);
