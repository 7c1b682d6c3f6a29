import { type ErrorKind, place, TilmashError } from '../errors.js';

/**
 * Text of an imported XML file (TMX, XLIFF): UTF-8 (BOM optional) or UTF-16 with a BOM (Trados
 * writes UTF-16LE). Throws a TilmashError of `errorKind` naming the line of the first byte that is
 * not UTF-8.
 */
export function decodeXmlBytes(bytes: Uint8Array, file: string, errorKind: ErrorKind): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    throw new TilmashError(errorKind, `${place(file, line)}: not UTF-8 text. Save the file as UTF-8 (or UTF-16 with a byte-order mark) and import again; nothing was imported.`, { file });
  }
}
