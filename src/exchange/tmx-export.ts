/**
 * TMX 1.4 export of the translation memory: one `<tu>` per source segment (sorted by source in UTF-16
 * code-unit order, like the TM files), a `<tuv>` for the source and one per target locale that has the
 * segment (locales sorted). Target `<tuv>`s carry `creationdate`/`changedate` (`YYYYMMDDThhmmssZ`) and
 * the props `x-origin` and `x-status`. Byte-stable: the output depends only on the entries, never on
 * the clock or the order of `pairs`. Valid against the TMX 1.4 DTD.
 */
import { TilmashError } from '../errors.js';
import type { TmEntry } from '../tm/tm-entry.js';
import { clip, tmFileName } from '../tm/tm-file.js';
import { isoWholeSeconds, tmxDateOf } from './tmx-date.js';
import { escapeXmlAttribute, escapeXmlText, findNonXmlChar } from './xml-text.js';

export interface TmxExportOptions {
  sourceLocale: string;
  /** Written as `creationtoolversion`. */
  toolVersion: string;
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
    out.push(`        <seg>${xmlText(source, sourceLocale, firstLocale, source, 'source')}</seg>\n      </tuv>\n`);
    for (const locale of locales) {
      const entry = (byLocale.get(locale) as Map<string, TmEntry>).get(source);
      if (entry !== undefined) out.push(targetTuv(entry, locale, sourceLocale));
    }
    out.push('    </tu>\n');
  }
  out.push('  </body>\n', '</tmx>\n');
  return out.join('');
}

function targetTuv(entry: TmEntry, locale: string, sourceLocale: string): string {
  const text = (value: string, field: string) => xmlText(value, sourceLocale, locale, entry.source, field);
  const created = tmxDate(entry.created, sourceLocale, locale, entry.source, 'created');
  const changed = tmxDate(entry.changed, sourceLocale, locale, entry.source, 'changed');
  const props: string[] = [
    prop(TMX_PROP.origin, text(entry.origin, 'origin')),
    prop(TMX_PROP.status, text(entry.status, 'status')),
  ];
  if (!created.exact) props.push(prop(TMX_PROP.created, text(entry.created, 'created')));
  if (!changed.exact) props.push(prop(TMX_PROP.changed, text(entry.changed, 'changed')));
  return (
    `      <tuv xml:lang="${escapeXmlAttribute(locale)}" creationdate="${created.value}" changedate="${changed.value}">\n` +
    props.join('') +
    `        <seg>${text(entry.target, 'target')}</seg>\n      </tuv>\n`
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
