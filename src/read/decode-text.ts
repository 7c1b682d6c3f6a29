import { TilmashError, place, type ErrorKind } from '../errors.js';

/**
 * Turns the bytes of a source file into the text every reader expects, or throws a `badSource`
 * error that names the file (and, for bad UTF-8, `file:line:column`) and the fix.
 *
 * The returned text:
 * - has no UTF-8 byte-order mark;
 * - uses LF only (CRLF and lone CR become LF, so line numbers match what editors show);
 * - is NFC-normalised (`и` + U+0306 becomes `й`);
 * - has no zero-width spaces (U+200B) and no soft hyphens (U+00AD): invisible scraping noise;
 * - has U+2000–U+200A (en/em/thin/hair… spaces) turned into ordinary spaces;
 * - keeps U+00A0 and U+202F (no-break spaces, meaningful in `26 млрд`) and U+3000 (CJK space).
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw bad(file, `${file}: is empty. Put the source text in it, or remove it from \`sources\` in pipeline.config.ts.`);
  const utf16 = utf16Bom(bytes);
  if (utf16) throw bad(file, `${file}: is UTF-16 ${utf16} text (it starts with a UTF-16 byte-order mark). Re-save it as UTF-8.`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw bad(file, `${file}: is not a text file (byte ${nul} is NUL${looksLikeUtf16(bytes) ? '; it may be UTF-16 without a byte-order mark' : ''}). Sources must be UTF-8 .txt or .md files: export the document as plain text (UTF-8) first.`);

  const normalised = decodeUtf8Text(bytes, file, 'badSource');
  const controls = countControls(normalised);
  if (controls > 0 && controls / normalised.length > 0.1)
    throw bad(file, `${file}: is not a text file (${Math.round((controls / normalised.length) * 100)} % of its characters are control characters). Sources must be UTF-8 .txt or .md files: export the document as plain text first.`);
  if (/^\s*$/u.test(normalised))
    throw bad(file, `${file}: is empty (it holds only whitespace). Put the source text in it, or remove it from \`sources\` in pipeline.config.ts.`);
  return normalised;
}

/**
 * Strict UTF-8 bytes → the normalised text described above (BOM, line ends, invisible and odd
 * spaces, NFC). Bad UTF-8 throws a TilmashError of `kind` naming `file:line:column` and the fix.
 */
export function decodeUtf8Text(bytes: Uint8Array, file: string, kind: ErrorKind): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw invalidUtf8(bytes, file, kind, cause);
  }
  const cleaned = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B\u00AD]/g, '')
    .replace(/[\u2000-\u200A]/g, ' ');
  // `normalize` copies the whole text even when nothing changes; most Russian text is NFC by its letters.
  return isPlainNfc(cleaned) ? cleaned : cleaned.normalize('NFC');
}

/**
 * Code units that are NFC on their own and never compose, decompose or reorder with a neighbour
 * from this set: Latin below the combining marks (U+0300), Cyrillic letters (not the combining
 * U+0483–U+0489), general punctuation without the odd spaces, currency signs, `№`, `™`. A text of
 * only these is already NFC (tests/decode-nfc.test.ts checks every pair against `normalize`).
 */
export function isPlainNfcCode(code: number): boolean {
  if (code < 0x300) return true;
  if (code < 0x400) return false;
  if (code <= 0x4ff) return code < 0x483 || code > 0x489;
  if (code < 0x2010) return false;
  return code <= 0x205e || (code >= 0x20a0 && code <= 0x20c0) || code === 0x2116 || code === 0x2122;
}

function isPlainNfc(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isPlainNfcCode(text.charCodeAt(i))) return false;
  return true;
}

function bad(file: string, message: string, cause?: unknown, kind: ErrorKind = 'badSource'): TilmashError {
  return new TilmashError(kind, message, cause === undefined ? { file } : { file, cause });
}

function utf16Bom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'BE';
  return undefined;
}

/** Most NULs on one parity is the shape of BOM-less UTF-16 text. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  return Math.max(even, odd) > bytes.length / 4 && Math.min(even, odd) < Math.max(even, odd) / 10;
}

/** C0 controls other than tab, LF, VT, FF and CR, plus DEL and the C1 controls. */
function countControls(text: string): number {
  let n = 0;
  // By code unit: every control is in the BMP, and no surrogate is one.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || (c >= 0x7f && c <= 0x9f)) n++;
  }
  return n;
}

function invalidUtf8(bytes: Uint8Array, file: string, kind: ErrorKind, cause: unknown): TilmashError {
  const fix = 'Re-save the file as UTF-8 (Russian text is often saved as Windows-1251 or KOI8-R; e.g. `iconv -f WINDOWS-1251 -t UTF-8`).';
  const offset = firstInvalidUtf8(bytes);
  if (offset < 0) return bad(file, `${file}: is not valid UTF-8. ${fix}`, cause, kind);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    // Lone CR counts as a line break, as decodeText normalises it to LF.
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  if (lineStart === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) lineStart = 3;
  // The bytes before `offset` are valid UTF-8, so this counts characters exactly.
  const column = [...new TextDecoder().decode(bytes.subarray(lineStart, offset))].length + 1;
  const byte = (bytes[offset] as number).toString(16).toUpperCase().padStart(2, '0');
  return bad(file, `${place(file, line, column)}: is not valid UTF-8 (byte 0x${byte} at offset ${offset}). ${fix}`, cause, kind);
}

/** Offset of the first byte of the first ill-formed sequence (Unicode table 3-7), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = bytes[i + k];
      if (d === undefined || d < lo || d > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}
