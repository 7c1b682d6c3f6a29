import { XMLParser } from 'fast-xml-parser';

/**
 * The one fast-xml-parser set-up of the TMX and XLIFF readers: document order kept
 * (`preserveOrder`), attributes without prefix, every text and attribute as written (no trimming,
 * no number parsing, entities left for the reader's own strict decoder), start offsets captured
 * (read through `XML_META`) for line numbers in messages; comments kept under `#comment`.
 */
export function createOrderedXmlParser(): XMLParser {
  return new XMLParser({
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
}

/** The key under which a parsed node carries its metadata (`startIndex`). */
export const XML_META = XMLParser.getMetaDataSymbol() as unknown as symbol;
