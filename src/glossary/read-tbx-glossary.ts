/**
 * A TBX glossary (TBX-Basic / TBX 2008 `martif`, and TBX v3 core `tbx`): each `termEntry` or
 * `conceptEntry` is one term; its `langSet` / `langSec` elements (by `xml:lang`) hold `tig`,
 * `ntig/termGrp` or `termSec` elements holding the `term`.
 *
 * - A language is the project locale with the same code (case-insensitive), else the one with the
 *   same primary subtag (`en-US` → `en`, `ru-RU` → `ru`). Languages the project does not use are
 *   ignored: a multilingual termbase can be used as it is.
 * - Several terms in one language: the one whose `<termNote type="administrativeStatus">` is
 *   `preferredTerm-admn-sts` (or `preferredTerm`) wins, else the first that is not deprecated or
 *   superseded, else the first.
 * - Do not translate (Tilmash's convention; TBX has no standard data category for it): a
 *   `<descrip type="doNotTranslate">yes</descrip>` in the entry or one of its language sections,
 *   or a `<termNote type="doNotTranslate">yes</termNote>` beside a term. `x-doNotTranslate` is
 *   accepted too; the value is yes, true or 1.
 * - The note is the entry's first `<note>` or `<descrip type="definition">`.
 * Entries are named `termEntry N (line L, id="…")` in messages.
 */
import { loadXmlParser } from '../read/load-xml-parser.js';
import { TilmashError } from '../errors.js';
import { findEntityDeclaration } from '../text/xml-entities-guard.js';
import { languageOf } from '../text/language-of.js';
import type { GlossaryColumns, GlossaryRow } from './build-glossary-terms.js';

type XmlNode = Record<string, unknown>;

const REPEATED = new Set(['termEntry', 'conceptEntry', 'langSet', 'langSec', 'tig', 'ntig', 'termGrp', 'termSec', 'term', 'termNote', 'descrip', 'note']);
const ENTRY_TAG = /<(?:[\w.-]+:)?(?:termEntry|conceptEntry)[\s/>]/g;

export function readTbxGlossary(text: string, columns: GlossaryColumns): GlossaryRow[] {
  const { file } = columns;
  const { XMLParser, XMLValidator } = loadXmlParser();
  const entity = findEntityDeclaration(text);
  if (entity) throw new TilmashError('config', `${file}:${entity.line}:${entity.column}: ${entity.message}`, { file });
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new TilmashError('config', `${file}:${valid.err.line}:${valid.err.col}: the glossary is not well-formed XML (${valid.err.msg}). Fix the markup.`, { file });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true, // `xml:lang` → `@lang`, `tbx:termEntry` → `termEntry`
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => REPEATED.has(name),
  });
  const root = parser.parse(text) as XmlNode;
  const entries = findEntries(root);
  if (entries.length === 0) {
    throw new TilmashError('config', `${file}: the TBX file has no termEntry or conceptEntry element. Export the termbase as TBX (TBX-Basic or TBX v3), one entry per concept.`, { file });
  }
  const lines = entryLines(text);
  const locales = [columns.sourceLocale, ...columns.targetLocales];

  return entries.map((entry, k): GlossaryRow => {
    const id = attribute(entry, 'id');
    const details = [lines[k] === undefined ? undefined : `line ${lines[k]}`, id === undefined ? undefined : `id="${id}"`].filter(Boolean);
    const place = `termEntry ${k + 1}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
    const cells = new Map<string, string>();
    const exact = new Set<string>();
    let doNotTranslate = descripFlag(entry);
    for (const section of [...children(entry, 'langSet'), ...children(entry, 'langSec')]) {
      const lang = attribute(section, 'lang') ?? '';
      const locale = localeFor(lang, locales);
      if (locale === undefined) continue;
      const isExact = lang.toLowerCase() === locale.toLowerCase();
      if (cells.has(locale) && (exact.has(locale) || !isExact)) continue;
      const terms = termsOf(section);
      const chosen = preferred(terms);
      if (chosen === undefined) continue;
      cells.set(locale, chosen.text);
      if (isExact) exact.add(locale);
      doNotTranslate ||= descripFlag(section) || terms.some((t) => t.doNotTranslate);
    }
    const noteNode = children(entry, 'note')[0] ?? children(entry, 'descrip').find((d) => attribute(d, 'type') === 'definition');
    const note = noteNode === undefined ? '' : textOf(noteNode);
    return { place, cells, doNotTranslate, ...(note !== '' ? { note } : {}) };
  });
}

interface TbxTerm {
  text: string;
  status: string;
  doNotTranslate: boolean;
}

/** Terms of a language section, from `tig`, `ntig/termGrp` and `termSec`. */
function termsOf(section: XmlNode): TbxTerm[] {
  const holders = [...children(section, 'tig'), ...children(section, 'termSec'), ...children(section, 'ntig').flatMap((n) => children(n, 'termGrp'))];
  return holders.flatMap((holder) => {
    const notes = children(holder, 'termNote');
    const status = notes.find((n) => attribute(n, 'type') === 'administrativeStatus');
    const term = children(holder, 'term').map(textOf).find((t) => t.trim() !== '');
    if (term === undefined) return [];
    return [{ text: term, status: status === undefined ? '' : textOf(status), doNotTranslate: notes.some(isDoNotTranslate) }];
  });
}

function preferred(terms: readonly TbxTerm[]): TbxTerm | undefined {
  return (
    terms.find((t) => /^preferredTerm/.test(t.status)) ??
    terms.find((t) => !/^(deprecatedTerm|supersededTerm)/.test(t.status)) ??
    terms[0]
  );
}

function descripFlag(node: XmlNode): boolean {
  return children(node, 'descrip').some(isDoNotTranslate);
}

function isDoNotTranslate(node: XmlNode): boolean {
  const type = attribute(node, 'type')?.toLowerCase();
  return (type === 'donottranslate' || type === 'x-donottranslate') && /^(yes|true|1)$/i.test(textOf(node).trim());
}

function localeFor(lang: string, locales: readonly string[]): string | undefined {
  const lower = lang.toLowerCase();
  return locales.find((l) => l.toLowerCase() === lower) ?? locales.find((l) => l.toLowerCase() === languageOf(lower));
}

/** Entry elements anywhere under the root, in document order. */
function findEntries(node: unknown): XmlNode[] {
  if (Array.isArray(node)) return node.flatMap(findEntries);
  if (typeof node !== 'object' || node === null) return [];
  const found: XmlNode[] = [];
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key.startsWith('@') || key === '#text') continue;
    if (key === 'termEntry' || key === 'conceptEntry') found.push(...(value as unknown[]).filter(isNode));
    else found.push(...findEntries(value));
  }
  return found;
}

/** 1-based line of each entry's start tag, in document order (comments are not expected between entries). */
function entryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let last = 0;
  for (const match of text.matchAll(ENTRY_TAG)) {
    for (let k = last; k < match.index; k++) if (text.charCodeAt(k) === 10) line++;
    last = match.index;
    lines.push(line);
  }
  return lines;
}

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (isNode(item) ? item : { '#text': String(item) }));
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attribute(node: XmlNode, name: string): string | undefined {
  const value = node[`@${name}`];
  return value === undefined ? undefined : String(value);
}

function textOf(node: XmlNode): string {
  const text = node['#text'];
  return text === undefined ? '' : String(text);
}
