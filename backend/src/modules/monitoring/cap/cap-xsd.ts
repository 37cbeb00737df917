import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

/** The OASIS schema beside this file, read once (unchanged copy; see README.md). */
const XSD = readFileSync(new URL('./CAP-v1.2.xsd', import.meta.url), 'utf8');

/**
 * Validates a document against the CAP 1.2 XSD with libxml2 (compiled to WebAssembly, run in a
 * worker thread, with no file system or network of its own). Only call it on XML that
 * `parseXml` has accepted: that is what keeps DTDs and entities away from libxml2.
 * Returns the schema's complaints, empty when valid.
 */
export async function xsdErrors(xml: string): Promise<string[]> {
  const r = await validateXML({
    xml: [{ fileName: 'alert.xml', contents: xml }],
    schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }],
  });
  return r.valid
    ? []
    : r.errors.map((e) => e.message.replace(/\{urn:oasis:names:tc:emergency:cap:1\.2\}/g, ''));
}
