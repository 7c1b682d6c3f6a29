/**
 * TMX 1.4 export of the translation memory: one `<tu>` per source segment (sorted by source in UTF-16
 * code-unit order, like the TM files), a `<tuv>` for the source and one per target locale that has the
 * segment (locales sorted). Target `<tuv>`s carry `creationdate`/`changedate` (`YYYYMMDDThhmmssZ`) and
 * the props `x-origin` and `x-status`. Byte-stable: the output depends only on the entries, never on
 * the clock or the order of `pairs`. Valid against the TMX 1.4 DTD.
 *
 * Level 2: with `piecesOf`, placeholders and tags (as the XLIFF export marks them) are inline codes
 * with their raw text inside, `<ph x="N" type="x-variable">{{name}}</ph>`, `<bpt i="P" x="N"
 * x="N">&lt;b&gt;</bpt>`…`<ept i="P">&lt;/b&gt;</ept>`, so a CAT tool that matches on codes
 * (OmegaT with TMX level 2) sees the same segment as in our XLIFF. `importTmx` reads the codes
 * back as text: all of them in a file whose header says `creationtool="Tilmash"`, else those with
 * `type="x-<kind>"`.
 */
import { TilmashError } from '../errors.js';
import type { TmEntry } from '../tm/tm-entry.js';
import { clip, tmFileName } from '../tm/tm-file.js';
import { isoWholeSeconds, tmxDateOf } from './tmx-date.js';
import type { Piece } from '../protect/protect-types.js';
import { escapeXmlAttribute, escapeXmlText, findNonXmlChar } from './xml-text.js';

export interface TmxExportOptions {
  sourceLocale: string;
  /** Written as `creationtoolversion`. */
  toolVersion: string;
  /** The pieces of a source or target text (`source` is the entry's source), for inline codes; plain text without it. */
  piecesOf?: (text: string, source: string) => readonly Piece[];
}

/**
 * `<prop>` types Tilmash writes. `x-created`/`x-changed` hold the exact ISO stamp and are written only
 * when the TMX date (whole seconds) would not reproduce it, so a Tilmash round trip is exact.
 */
export const TMX_PROP = { origin: 'x-origin', status: 'x-status', created: 'x-created', changed: 'x-changed' } as const;

/**
 * The TMX document for the given TM entries. Throws `badTm` naming the TM file and the entry when an
 * entry holds a character XML 1.0 cannot represent or a date that is not an ISO timestamp; throws
 * `TypeError` for a locale given twice, the source locale given as a target, or a source repeated
 * within one locale (a `TranslationMemory` never has one).
 */
export function exportTmx(pairs: ReadonlyArray<{ locale: string; entries: readonly TmEntry[] }>, options: TmxExportOptions): string {
  const { sourceLocale } = options;
  const byLocale = new Map<string, Map<string, TmEntry>>();
  for (const { locale, entries } of pairs) {
    if (byLocale.has(locale) || locale === sourceLocale) throw new TypeError(`exportTmx: locale ${JSON.stringify(locale)} given twice or as both source and target`);
    const bySource = new Map<string, TmEntry>();
    for (const entry of entries) {
      if (bySource.has(entry.source)) throw new TypeError(`exportTmx: source ${JSON.stringify(entry.source)} repeated for ${locale}`);
      bySource.set(entry.source, entry);
    }
    byLocale.set(locale, bySource);
  }
  const locales = [...byLocale.keys()].sort();
  const sources = [...new Set(locales.flatMap((locale) => [...(byLocale.get(locale) as Map<string, TmEntry>).keys()]))].sort();

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<tmx version="1.4">\n',
    `  <header creationtool="Tilmash" creationtoolversion="${escapeXmlAttribute(options.toolVersion)}" datatype="plaintext" segtype="sentence"` +
      ` adminlang="en" srclang="${escapeXmlAttribute(sourceLocale)}" o-tmf="Tilmash"/>\n`,
    '  <body>\n',
  ];
  for (const source of sources) {
    out.push('    <tu>\n', `      <tuv xml:lang="${escapeXmlAttribute(sourceLocale)}">\n`);
    const firstLocale = locales.find((locale) => byLocale.get(locale)?.has(source)) as string;
    xmlText(source, sourceLocale, firstLocale, source, 'source');
    out.push(`        <seg>${segXml(source, source, options)}</seg>\n      </tuv>\n`);
    for (const locale of locales) {
      const entry = (byLocale.get(locale) as Map<string, TmEntry>).get(source);
      if (entry !== undefined) out.push(targetTuv(entry, locale, options));
    }
    out.push('    </tu>\n');
  }
  out.push('  </body>\n', '</tmx>\n');
  return out.join('');
}

/**
 * `<seg>` content: escaped text, with inline codes when `options.piecesOf` is given. The text between
 * codes is copied from `text` itself (a text piece is unescaped, e.g. ICU `'{'` → `{`), so reading
 * the codes' content back gives `text` exactly.
 */
function segXml(text: string, source: string, options: TmxExportOptions): string {
  if (options.piecesOf === undefined) return escapeXmlText(text);
  let out = '';
  let cursor = 0;
  let x = 0;
  for (const piece of options.piecesOf(text, source)) {
    if (piece.type === 'text') continue;
    const at = text.indexOf(piece.raw, cursor);
    if (at < 0) return escapeXmlText(text); // not a tokenization of this text: plain
    out += escapeXmlText(text.slice(cursor, at));
    cursor = at + piece.raw.length;
    const raw = escapeXmlText(piece.raw);
    x++;
    if (piece.type === 'placeholder') out += `<ph x="${x}" type="x-${piece.kind}">${raw}</ph>`;
    // No type on <bpt>: OmegaT names a code by its content's first letter, else its type's, else f (as in our XLIFF).
    else if (piece.type === 'open') out += `<bpt i="${piece.pair + 1}" x="${x}">${raw}</bpt>`;
    else out += `<ept i="${piece.pair + 1}">${raw}</ept>`;
  }
  return out + escapeXmlText(text.slice(cursor));
}

function targetTuv(entry: TmEntry, locale: string, options: TmxExportOptions): string {
  const { sourceLocale } = options;
  const text = (value: string, field: string) => xmlText(value, sourceLocale, locale, entry.source, field);
  const created = tmxDate(entry.created, sourceLocale, locale, entry.source, 'created');
  const changed = tmxDate(entry.changed, sourceLocale, locale, entry.source, 'changed');
  text(entry.target, 'target'); // refuses a character XML cannot carry
  const props: string[] = [
    prop(TMX_PROP.origin, text(entry.origin, 'origin')),
    prop(TMX_PROP.status, text(entry.status, 'status')),
  ];
  if (!created.exact) props.push(prop(TMX_PROP.created, text(entry.created, 'created')));
  if (!changed.exact) props.push(prop(TMX_PROP.changed, text(entry.changed, 'changed')));
  return (
    `      <tuv xml:lang="${escapeXmlAttribute(locale)}" creationdate="${created.value}" changedate="${changed.value}">\n` +
    props.join('') +
    `        <seg>${segXml(entry.target, entry.source, options)}</seg>\n      </tuv>\n`
  );
}

function prop(type: string, escapedValue: string): string {
  return `        <prop type="${type}">${escapedValue}</prop>\n`;
}

/** Escaped element content, or `badTm` naming the entry when XML cannot carry a character of it. */
function xmlText(value: string, sourceLocale: string, locale: string, source: string, field: string): string {
  const bad = findNonXmlChar(value);
  if (bad !== undefined) {
    throw entryError(sourceLocale, locale, source, `its ${field} contains ${bad.codePoint} at character ${bad.index + 1}, which XML 1.0 (and so TMX) cannot represent`, 'Remove that character from the entry');
  }
  return escapeXmlText(value);
}

/**
 * `2024-05-01T10:00:00.000Z` → `20240501T100000Z` (UTC, whole seconds). `exact` tells whether reading
 * the TMX date back gives the same ISO string (it does for `Date#toISOString` stamps without milliseconds).
 */
function tmxDate(iso: string, sourceLocale: string, locale: string, source: string, field: string): { value: string; exact: boolean } {
  const wholeSeconds = isoWholeSeconds(iso);
  if (wholeSeconds === undefined) {
    throw entryError(sourceLocale, locale, source, `its "${field}" date ${JSON.stringify(iso)} is not an ISO 8601 timestamp`, 'Set it to a timestamp like 2024-05-01T10:00:00.000Z');
  }
  return { value: tmxDateOf(wholeSeconds), exact: wholeSeconds === iso };
}

function entryError(sourceLocale: string, locale: string, source: string, problem: string, fix: string): TilmashError {
  const file = tmFileName(sourceLocale, locale);
  return new TilmashError('badTm', `${file}: the entry for ${JSON.stringify(clip(source))}: ${problem}. ${fix} and export again; no TMX was written.`, { file });
}
