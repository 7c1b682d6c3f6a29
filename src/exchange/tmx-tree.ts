/** The TMX reader's view of a parsed document: elements with raw attributes, mixed content and lines. */
import { parseOrderedXml, type XmlSyntaxError } from './ordered-xml-parser.js';
import { decodeXmlEntities } from './xml-text.js';
import { orderedNodeName, orderedNodeStart, type OrderedXmlNode } from './xml-tree.js';

export interface TmxElement {
  name: string;
  /** Raw (undecoded) attribute values. */
  attributes: Record<string, string>;
  /** Child elements only. */
  children: TmxElement[];
  /** Child nodes as parsed, for mixed content (`<seg>`). */
  nodes: OrderedXmlNode[];
  line: number;
}

/** Top-level elements of XML text; text that is not well-formed goes to `malformed`. */
export function parseTmxTree(xml: string, malformed: (error: XmlSyntaxError) => never): TmxElement[] {
  const { nodes, lineOf } = parseOrderedXml(xml, malformed);
  return children(nodes, lineOf);
}

function children(nodes: readonly OrderedXmlNode[], lineOf: (index: number) => number): TmxElement[] {
  const elements: TmxElement[] = [];
  for (const node of nodes) {
    const name = orderedNodeName(node);
    if (name === undefined || name.startsWith('#')) continue;
    const nodeChildren = node[name] as OrderedXmlNode[];
    elements.push({
      name,
      attributes: (node[':@'] as Record<string, string> | undefined) ?? {},
      children: children(nodeChildren, lineOf),
      nodes: nodeChildren,
      line: lineOf(orderedNodeStart(node) ?? 0),
    });
  }
  return elements;
}

/**
 * Raw TMX text or attribute value → text. References to characters XML forbids (`&#1;`, written by
 * some tools) are decoded, so the reader can skip that one unit instead of refusing the file; any
 * other bad reference throws `Error` with the problem, for the caller to wrap.
 */
export function decodeTmxText(raw: string): string {
  return decodeXmlEntities(raw, { forbidden: 'decode' });
}

/**
 * Decoded attribute value (XML attribute-value normalisation: literal whitespace → space).
 * Throws `Error` for an unsupported reference, as `decodeTmxText` does.
 */
export function tmxAttribute(element: TmxElement, name: string): string | undefined {
  const raw = element.attributes[name];
  return raw === undefined ? undefined : decodeTmxText(raw.replace(/[\t\n\r]/g, ' ')).trim();
}
