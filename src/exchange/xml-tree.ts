/**
 * Helpers shared by the TMX and XLIFF readers for walking fast-xml-parser's `preserveOrder` output
 * (see `parseOrderedXml`) and turning its character offsets into line numbers.
 */
import { XMLParser } from 'fast-xml-parser';

/** The key under which a parsed node carries its metadata (`startIndex`). */
const XML_META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** A node of fast-xml-parser's `preserveOrder` output: `{ name: children, ':@': attributes }` or `{ '#text': raw }`. */
export type OrderedXmlNode = Record<string, unknown>;

/** The node's one key besides its attributes: the element's tag name, or `#text`, `#cdata`, `#comment`. */
export function orderedNodeName(node: OrderedXmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@');
}

/** Character index of the node's start tag in the parsed text; text nodes carry none. */
export function orderedNodeStart(node: OrderedXmlNode): number | undefined {
  return (node as Record<symbol, { startIndex?: number } | undefined>)[XML_META]?.startIndex;
}

/** 1-based line of a character index (the parser reports indexes into the original text). */
export function lineFinder(text: string): (index: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
