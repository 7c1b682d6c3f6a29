import { place, TilmashError } from '../errors.js';

/**
 * Text of a TMX file: UTF-8 (BOM optional) or UTF-16 with a BOM (Trados writes UTF-16LE).
 * Throws `badTm` naming the line of the first byte that is not UTF-8.
 */
export function decodeTmxBytes(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    throw new TilmashError('badTm', `${place(file, line)}: not UTF-8 text. Save the TMX as UTF-8 (or UTF-16 with a byte-order mark) and import again; nothing was imported.`, { file });
  }
}
