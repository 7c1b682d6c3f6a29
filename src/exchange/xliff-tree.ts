/**
 * The XLIFF reader's view of a parsed document: elements with their namespace resolved (by URI,
 * not prefix), attributes and text decoded strictly, comments dropped, CDATA as text, and lines.
 */
import { TilmashError, place } from '../errors.js';
import { parseOrderedXml } from './ordered-xml-parser.js';
import { XLIFF_NAMESPACE } from './xliff-types.js';
import { decodeXmlEntities } from './xml-text.js';
import { orderedNodeName, orderedNodeStart, type OrderedXmlNode } from './xml-tree.js';

const XLIFF_NAMESPACES = new Set([XLIFF_NAMESPACE, 'urn:oasis:names:tc:xliff:document:1.1', '']);
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** A parsed element with its namespace resolved and its text decoded. */
export interface XliffElement {
  kind: 'element';
  namespace: string;
  local: string;
  /** Attributes by qualified name as written (`id`, `xml:space`, `sdl:foo`). */
  attributes: Map<string, string>;
  children: XliffNode[];
  line: number;
}
export type XliffNode = XliffElement | { kind: 'text'; text: string };

/** Whether the element is in the XLIFF 1.2 (or 1.1) namespace, or in none at all. */
export function isXliff(element: XliffElement): boolean {
  return XLIFF_NAMESPACES.has(element.namespace);
}

/** Child elements counted as XLIFF, all or those named `local`. */
export function xliffChildren(parent: XliffElement, local?: string): XliffElement[] {
  return parent.children.filter((c): c is XliffElement => c.kind === 'element' && isXliff(c) && (local === undefined || c.local === local));
}

/** The `usage` error of the XLIFF reader, naming `file:line`. */
export function xliffUsageError(file: string, line: number | undefined, message: string): TilmashError {
  return new TilmashError('usage', `${place(file, line)}: ${message}`, { file });
}

/** The root element of XML text; malformed XML, an unknown entity or an undeclared prefix throw `usage`. */
export function parseXliffDocument(text: string, file: string): XliffElement {
  const { nodes, lineOf } = parseOrderedXml(text, (error) => {
    throw new TilmashError('usage', `${place(file, error.line, error.column)}: not well-formed XML: ${error.message} Fix the XML (or export the file again from the CAT tool).`, { file });
  });
  const elements = nodes
    .map((node) => toNode(node, new Map([['xml', XML_NAMESPACE]]), 1, lineOf, file))
    .filter((node): node is XliffElement => node?.kind === 'element');
  const root = elements[0];
  if (root === undefined) throw xliffUsageError(file, 1, 'no root element; an XLIFF file starts with <xliff version="1.2" …>');
  if (elements.length > 1) throw xliffUsageError(file, elements[1]?.line, 'not well-formed XML: a second root element; an XML document has exactly one');
  return root;
}

function toNode(node: OrderedXmlNode, scope: ReadonlyMap<string, string>, parentLine: number, lineOf: (index: number) => number, file: string): XliffNode | undefined {
  const name = orderedNodeName(node);
  if (name === undefined || name === '#comment') return undefined;
  if (name === '#cdata') {
    const parts = node[name] as OrderedXmlNode[];
    return { kind: 'text', text: parts.map((part) => String(part['#text'] ?? '')).join('') };
  }
  const start = orderedNodeStart(node);
  const line = start === undefined ? parentLine : lineOf(start); // text nodes carry no position
  // Strict: a reference to a character XML forbids refuses the file, like any other bad reference.
  const decode = (raw: string): string =>
    decodeXmlEntities(raw, {
      onBad: (reference) => {
        throw xliffUsageError(file, line, `unknown entity or character reference ${reference}; write the character itself or use &amp; &lt; &gt; &quot; &apos;`);
      },
    });
  if (name === '#text') return { kind: 'text', text: decode(String(node[name])) };

  const attributes = new Map<string, string>();
  for (const [key, value] of Object.entries((node[':@'] as Record<string, string> | undefined) ?? {})) attributes.set(key, decode(String(value)));
  let inner = scope;
  for (const [key, value] of attributes) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      (inner as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), value);
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const namespace = inner.get(prefix);
  if (namespace === undefined && prefix !== '') throw xliffUsageError(file, line, `the prefix "${prefix}" of <${name}> is not declared; add xmlns:${prefix}="…"`);
  const children = ((node[name] as OrderedXmlNode[] | undefined) ?? [])
    .map((child) => toNode(child, inner, line, lineOf, file))
    .filter((child): child is XliffNode => child !== undefined);
  return { kind: 'element', namespace: namespace ?? '', local: name.slice(colon + 1), attributes, children, line };
}
