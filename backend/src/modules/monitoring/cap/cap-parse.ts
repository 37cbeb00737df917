import { SaxesParser } from 'saxes';
import { AppError, CAP_LIMITS } from '@muster/contracts';

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

/** An element of a parsed document: its local name, namespace, text and children. */
export interface XmlNode {
  name: string;
  ns: string;
  text: string;
  children: XmlNode[];
}

/** Raised from inside the parser's callbacks to stop it at once. */
class Refusal extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

/**
 * Parses untrusted XML safely: refused before parsing when larger than the limit or declaring a
 * DOCTYPE or entities (no DTD is ever read, no external entity ever fetched, no entity expanded
 * but XML's five); refused while parsing when nested deeper than the limit; a well-formedness
 * error names its line and column. saxes is a strict, non-validating parser with no DTD support.
 */
export function parseXml(xml: string): XmlNode {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > CAP_LIMITS.bytes)
    throw new AppError('monitoring.cap_too_large', String(CAP_LIMITS.bytes));
  const declared = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.exec(xml);
  if (declared) throw new AppError('monitoring.cap_entities', `<!${declared[1]!.toUpperCase()}`);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const root: XmlNode = { name: '#document', ns: '', text: '', children: [] };
  const stack: XmlNode[] = [root];
  parser.on('doctype', () => {
    throw new Refusal(new AppError('monitoring.cap_entities', '<!DOCTYPE'));
  });
  parser.on('opentag', (tag) => {
    if (stack.length > CAP_LIMITS.depth)
      throw new Refusal(new AppError('monitoring.cap_too_deep', String(CAP_LIMITS.depth)));
    const node: XmlNode = { name: tag.local, ns: tag.uri, text: '', children: [] };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (t: string) => {
    const top = stack[stack.length - 1]!;
    if (top !== root) top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (err) => {
    throw new Refusal(new AppError('monitoring.cap_malformed', err.message.slice(0, 300)));
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof Refusal) throw err.appError;
    throw new AppError(
      'monitoring.cap_malformed',
      err instanceof Error ? err.message.slice(0, 300) : '',
    );
  }
  const top = root.children[0];
  if (!top) throw new AppError('monitoring.cap_malformed', 'no root element');
  return top;
}

/** The text of the first child with this name, trimmed, or undefined. */
export function childText(n: XmlNode, name: string): string | undefined {
  const c = n.children.find((x) => x.name === name);
  return c ? c.text.trim() : undefined;
}

export function childrenNamed(n: XmlNode, name: string): XmlNode[] {
  return n.children.filter((x) => x.name === name);
}
