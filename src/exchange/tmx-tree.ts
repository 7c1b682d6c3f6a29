/** The TMX reader's view of a parsed document: elements with raw attributes, mixed content and lines. */
import { createOrderedXmlParser } from './ordered-xml-parser.js';
import { decodeXmlReferences } from './xml-references.js';
import { lineFinder, orderedNodeName, orderedNodeStart, type OrderedXmlNode } from './xml-tree.js';

// Entities are decoded by `decodeXmlReferences`: the parser would leave `&#x4E2D;` as it is.
const PARSER = createOrderedXmlParser();

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

/** Top-level elements of well-formed XML text (validate it first). */
export function parseTmxTree(xml: string): TmxElement[] {
  return children(PARSER.parse(xml) as OrderedXmlNode[], lineFinder(xml));
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
 * Decoded attribute value (XML attribute-value normalisation: literal whitespace → space).
 * Throws `Error` for an unsupported reference, as `decodeXmlReferences` does.
 */
export function tmxAttribute(element: TmxElement, name: string): string | undefined {
  const raw = element.attributes[name];
  return raw === undefined ? undefined : decodeXmlReferences(raw.replace(/[\t\n\r]/g, ' ')).trim();
}
