import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { findEntityDeclaration } from '../text/xml-entities-guard.js';
import { lineFinder, type OrderedXmlNode } from './xml-tree.js';

/**
 * The one fast-xml-parser set-up of the TMX and XLIFF readers: document order kept
 * (`preserveOrder`), attributes without prefix, every text and attribute as written (no trimming,
 * no number parsing, entities left for `decodeXmlEntities`), start offsets captured (read through
 * `orderedNodeStart`) for line numbers in messages; comments kept under `#comment`. Stateless
 * between documents, so built once.
 */
const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  captureMetaData: true,
});

/** Where and why text is not well-formed XML (1-based line and column). */
export interface XmlSyntaxError {
  line: number;
  column: number;
  message: string;
}

export interface OrderedXml {
  /** Top-level nodes in document order. */
  nodes: OrderedXmlNode[];
  /** 1-based line of a character index of the text (see `orderedNodeStart`). */
  lineOf: (index: number) => number;
}

/**
 * Validates and parses XML text (without a byte-order mark). Text that is not well-formed goes to
 * `malformed`, which throws the caller's own error.
 */
export function parseOrderedXml(text: string, malformed: (error: XmlSyntaxError) => never): OrderedXml {
  const entity = findEntityDeclaration(text); // external, parameter or internal entities: refused by name
  if (entity) return malformed(entity);
  const valid = XMLValidator.validate(text);
  if (valid !== true) return malformed({ line: valid.err.line, column: valid.err.col, message: valid.err.msg });
  return { nodes: PARSER.parse(text) as OrderedXmlNode[], lineOf: lineFinder(text) };
}
