/**
 * TMX import (1.1 to 1.4, as written by Tilmash, OmegaT, Trados and others) into TM entries per
 * Tilmash target locale. Pure: the caller reads the file (`decodeTmxBytes`) and records the entries.
 *
 * Behaviour a translator will notice:
 * - Languages match by language and script, ignoring case and a region the locale does not name:
 *   `en-US` → `en`, `zh-CN`/`zh-SG`/`zh-Hans` → `zh` (Simplified), `kk-KZ`/`kk-Cyrl` → `kk`; but
 *   `zh-TW`/`zh-HK`/`zh-Hant` are not `zh`, and `kk-Latn`/`kk-CN` are not `kk`.
 * - The source `<tuv>` is the one in the project source locale; a header `srclang` other than that
 *   locale (or `*all*`) is an error, a `<tu srclang>` other than it skips the unit.
 * - Inline codes: `<bpt>`, `<ept>`, `<it>`, `<ut>` (formatting such as bold, with `<sub>` inside) are
 *   removed and the text around them kept, so `<b>Газпром</b>` imports as `Газпром`; `<hi>` is
 *   unwrapped. A `<ph>` stands for content (a variable, an image, a line break): removing it would
 *   change the sentence, so such a unit is skipped for that language and listed in `skipped`.
 * - Sources are normalised as the readers do (NFC, runs of spaces/tabs/newlines → one space,
 *   trimmed), so they can match the TM's sources exactly; targets are NFC only.
 * - Origin is `import:tmx` unless a `x-origin` prop holds a Tilmash origin; status is `x-status` when
 *   it is a Tilmash status, else `translated`; dates come from `creationdate`/`changedate` (the
 *   `<tuv>`'s, else the `<tu>`'s), else `now`. A Tilmash export round-trips exactly.
 * - A source repeated in the file: the unit with the later `changedate` wins (the later unit on a tie).
 * - `<note>`s and other props are not kept (a TM entry has no place for them).
 */
import { XMLValidator } from 'fast-xml-parser';
import { createOrderedXmlParser, XML_META } from './ordered-xml-parser.js';
import { place, TilmashError } from '../errors.js';
import { blockText } from '../read/block-text.js';
import { TM_STATUSES, type TmEntry, type TmStatus } from '../tm/tm-entry.js';
import { TMX_PROP } from './tmx-export.js';
import { decodeXmlReferences } from './xml-references.js';
import { findNonXmlChar } from './xml-text.js';

export interface TmxImportOptions {
  sourceLocale: string;
  targetLocales: readonly string[];
  /** ISO timestamp for entries whose unit has no dates. */
  now: string;
}

export interface TmxSkip {
  /** 1-based position of the `<tu>` among the file's units. */
  tu: number;
  /** 1-based line of its start tag. */
  line: number;
  reason: string;
}

export interface TmxImport {
  /** Every requested target locale, with its entries sorted by source (possibly none). */
  entries: Map<string, TmEntry[]>;
  skipped: TmxSkip[];
}

const IMPORT_ORIGIN = 'import:tmx';
const TILMASH_ORIGIN = /^(?:human|engine:\S+|import:\S+)$/;
const STATUSES: ReadonlySet<string> = new Set(TM_STATUSES);

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

/**
 * Reads TMX text into TM entries. Throws `badTm` naming `file:line` for text that is not well-formed
 * XML, a root other than `<tmx>`, a missing `<header>`/`<body>`, an unsupported entity, or a header
 * `srclang` that is not the source locale; units that cannot be imported are listed in `skipped`.
 */
export function importTmx(text: string, file: string, options: TmxImportOptions): TmxImport {
  const xml = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineOf = lineFinder(xml);
  const fail = (line: number | undefined, problem: string, fix: string): TilmashError =>
    new TilmashError('badTm', `${place(file, line)}: ${problem}. ${fix}; nothing was imported.`, { file });

  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw fail(valid.err.line, `not well-formed XML (${valid.err.msg})`, 'Fix the file, or export it again from the tool that made it');
  }
  const roots = children(PARSER.parse(xml) as XmlNode[], lineOf);
  const root = roots[0];
  if (roots.length !== 1 || root?.name !== 'tmx') {
    throw fail(root?.line, `the root element is <${root?.name ?? ''}>, not <tmx>: this is not a TMX file`, 'Choose a .tmx file exported from a translation memory');
  }
  const header = root.children.find((element) => element.name === 'header');
  const body = root.children.find((element) => element.name === 'body');
  if (header === undefined || body === undefined) {
    throw fail(root.line, `<tmx> has no <${header === undefined ? 'header' : 'body'}>`, 'Export the TMX again from the tool that made it');
  }
  const read = <T>(element: Element, what: () => T): T => {
    try {
      return what();
    } catch (error) {
      throw fail(element.line, `in the <${element.name}> starting here, ${(error as Error).message}`, 'Replace it with the character it stands for');
    }
  };
  const headerSource = read(header, () => attribute(header, 'srclang')) ?? '*all*';
  if (headerSource !== '*all*' && !tmxLangMatches(headerSource, options.sourceLocale)) {
    throw fail(header.line, `the header's srclang is ${JSON.stringify(headerSource)}, but the project's source locale is ${options.sourceLocale}`, `Export a memory whose source language is ${options.sourceLocale}`);
  }

  const best = new Map<string, Map<string, { entry: TmEntry; tu: number; line: number }>>(options.targetLocales.map((locale) => [locale, new Map()]));
  const skipped: TmxSkip[] = [];
  let tuNumber = 0;
  for (const tu of body.children) {
    if (tu.name !== 'tu') continue;
    tuNumber++;
    const skip = (reason: string) => skipped.push({ tu: tuNumber, line: tu.line, reason });
    const unit = read(tu, () => readUnit(tu));
    const unitSource = unit.srclang ?? headerSource;
    if (unitSource !== '*all*' && !tmxLangMatches(unitSource, options.sourceLocale)) {
      skip(`its srclang is ${JSON.stringify(unitSource)}, not ${options.sourceLocale}`);
      continue;
    }
    const sourceTuv = pickTuv(unit.tuvs, options.sourceLocale);
    if (sourceTuv === undefined) {
      skip(`no <tuv> in ${options.sourceLocale} (languages: ${unit.tuvs.map((tuv) => tuv.lang).join(', ') || 'none'})`);
      continue;
    }
    const sourceProblem = segmentProblem(sourceTuv);
    if (sourceProblem !== undefined) {
      skip(`the source ${sourceProblem}`);
      continue;
    }
    const source = blockText(sourceTuv.text.normalize('NFC'));
    if (source === '') {
      skip('the source is empty');
      continue;
    }
    let found = false;
    for (const locale of options.targetLocales) {
      const tuv = pickTuv(unit.tuvs.filter((candidate) => candidate !== sourceTuv), locale);
      if (tuv === undefined) continue;
      found = true;
      const problem = segmentProblem(tuv) ?? (tuv.text.trim() === '' ? 'is empty' : undefined);
      if (problem !== undefined) {
        skip(`${locale}: the target ${problem}`);
        continue;
      }
      const entry = makeEntry(source, tuv, unit, options.now);
      const bySource = best.get(locale) as Map<string, { entry: TmEntry; tu: number; line: number }>;
      const previous = bySource.get(source);
      if (previous !== undefined && previous.entry.changed > entry.changed) {
        skip(`${locale}: the same source as tu ${previous.tu}, which has the later changedate`);
        continue;
      }
      if (previous !== undefined) {
        skipped.push({ tu: previous.tu, line: previous.line, reason: `${locale}: the same source as tu ${tuNumber}, which has the later (or same) changedate` });
      }
      bySource.set(source, { entry, tu: tuNumber, line: tu.line });
    }
    if (!found) {
      skip(`no <tuv> in ${options.targetLocales.join(', ')} (languages: ${unit.tuvs.map((tuv) => tuv.lang).join(', ')})`);
    }
  }
  const entries = new Map<string, TmEntry[]>();
  for (const [locale, bySource] of best) {
    entries.set(locale, [...bySource.keys()].sort().map((source) => (bySource.get(source) as { entry: TmEntry }).entry));
  }
  skipped.sort((a, b) => a.tu - b.tu);
  return { entries, skipped };
}

/**
 * Whether a TMX language tag (`en-US`, `EN-US`, `zh_CN`, `zh-Hans`) denotes the Tilmash locale
 * (`en`, `zh`, `zh-Hant`, `kk`): same language, same script once likely subtags are added
 * (`zh-TW` → Hant, `kk` → Cyrl), and the same region when both tags name one.
 */
export function tmxLangMatches(tag: string, locale: string): boolean {
  const a = parseLocale(tag);
  const b = parseLocale(locale);
  if (a === undefined || b === undefined) return false;
  return a.language === b.language && a.script === b.script && (a.region === undefined || b.region === undefined || a.region === b.region);
}

/** Old Microsoft codes still found in TMX files. */
const LEGACY_TAGS: Record<string, string> = { 'zh-chs': 'zh-Hans', 'zh-cht': 'zh-Hant' };

function parseLocale(tag: string): { language: string; script: string | undefined; region: string | undefined } | undefined {
  const cleaned = tag.trim().replace(/_/g, '-');
  try {
    const locale = new Intl.Locale(LEGACY_TAGS[cleaned.toLowerCase()] ?? cleaned);
    return { language: locale.language, script: locale.maximize().script, region: locale.region };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the parsed tree

// Entities are decoded by `decodeXmlReferences`: the parser would leave `&#x4E2D;` as it is.
const PARSER = createOrderedXmlParser();
const META = XML_META;

/** A node of fast-xml-parser's `preserveOrder` output: `{ name: children, ':@': attributes }` or `{ '#text': raw }`. */
type XmlNode = Record<string, unknown>;

interface Element {
  name: string;
  /** Raw (undecoded) attribute values. */
  attributes: Record<string, string>;
  /** Child elements only. */
  children: Element[];
  /** Child nodes as parsed, for mixed content (`<seg>`). */
  nodes: XmlNode[];
  line: number;
}

function children(nodes: readonly XmlNode[], lineOf: (index: number) => number): Element[] {
  const elements: Element[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@' && !key.startsWith('#'));
    if (name === undefined) continue;
    const nodeChildren = node[name] as XmlNode[];
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
    elements.push({
      name,
      attributes: (node[':@'] as Record<string, string> | undefined) ?? {},
      children: children(nodeChildren, lineOf),
      nodes: nodeChildren,
      line: lineOf(meta?.startIndex ?? 0),
    });
  }
  return elements;
}

/** Decoded attribute value (XML attribute-value normalisation: literal whitespace → space). */
function attribute(element: Element, name: string): string | undefined {
  const raw = element.attributes[name];
  return raw === undefined ? undefined : decodeXmlReferences(raw.replace(/[\t\n\r]/g, ' ')).trim();
}

/** 1-based line of a character index of `text`. */
function lineFinder(text: string): (index: number) => number {
  let starts: number[] | undefined;
  return (index) => {
    if (starts === undefined) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

interface Tuv {
  lang: string;
  text: string;
  /** The segment has a `<ph>`, whose removal would change the text. */
  placeholder: boolean;
  nonXml: ReturnType<typeof findNonXmlChar>;
  props: Map<string, string>;
  created: string | undefined;
  changed: string | undefined;
}

interface Unit {
  srclang: string | undefined;
  tuvs: Tuv[];
  props: Map<string, string>;
  created: string | undefined;
  changed: string | undefined;
}

function readUnit(tu: Element): Unit {
  const tuvs: Tuv[] = [];
  for (const tuv of tu.children) {
    if (tuv.name !== 'tuv') continue;
    const lang = attribute(tuv, 'xml:lang') ?? attribute(tuv, 'lang');
    const seg = tuv.children.find((element) => element.name === 'seg');
    if (lang === undefined || seg === undefined) continue;
    const content = { text: '', placeholder: false };
    readSegment(seg.nodes, content);
    tuvs.push({
      lang,
      text: content.text,
      placeholder: content.placeholder,
      nonXml: findNonXmlChar(content.text),
      props: readProps(tuv),
      created: attribute(tuv, 'creationdate'),
      changed: attribute(tuv, 'changedate'),
    });
  }
  return { srclang: attribute(tu, 'srclang'), tuvs, props: readProps(tu), created: attribute(tu, 'creationdate'), changed: attribute(tu, 'changedate') };
}

function readProps(element: Element): Map<string, string> {
  const props = new Map<string, string>();
  for (const prop of element.children) {
    const type = prop.name === 'prop' ? attribute(prop, 'type') : undefined;
    if (type === undefined || props.has(type)) continue;
    const content = { text: '', placeholder: false };
    readSegment(prop.nodes, content);
    props.set(type, content.text.trim());
  }
  return props;
}

/** Formatting codes: removed with their content (the native code, and any `<sub>` inside). */
const FORMATTING_CODES = new Set(['bpt', 'ept', 'it', 'ut']);

function readSegment(nodes: readonly XmlNode[], into: { text: string; placeholder: boolean }): void {
  for (const node of nodes) {
    if ('#text' in node) into.text += decodeXmlReferences(String(node['#text']).replace(/\r\n?/g, '\n'));
    else if ('#cdata' in node) readCdata(node['#cdata'] as XmlNode[], into);
    else {
      const name = Object.keys(node).find((key) => key !== ':@') as string;
      if (name === 'ph') into.placeholder = true;
      else if (!FORMATTING_CODES.has(name)) readSegment(node[name] as XmlNode[], into); // <hi> and unknown wrappers
    }
  }
}

function readCdata(nodes: readonly XmlNode[], into: { text: string }): void {
  for (const node of nodes) if ('#text' in node) into.text += String(node['#text']).replace(/\r\n?/g, '\n');
}

/** The first `<tuv>` in `locale`, preferring one whose tag is exactly the locale. */
function pickTuv(tuvs: readonly Tuv[], locale: string): Tuv | undefined {
  return tuvs.find((tuv) => tuv.lang.toLowerCase() === locale.toLowerCase()) ?? tuvs.find((tuv) => tmxLangMatches(tuv.lang, locale));
}

function segmentProblem(tuv: Tuv): string | undefined {
  if (tuv.placeholder) return 'contains a <ph> placeholder, which plain text cannot keep';
  if (tuv.nonXml !== undefined) return `contains ${tuv.nonXml.codePoint}, a control character`;
  return undefined;
}

function makeEntry(source: string, tuv: Tuv, unit: Unit, now: string): TmEntry {
  const prop = (type: string) => tuv.props.get(type) ?? unit.props.get(type);
  const origin = prop(TMX_PROP.origin);
  const status = prop(TMX_PROP.status);
  const createdDate = tmxDateToIso(tuv.created ?? unit.created);
  const changedDate = tmxDateToIso(tuv.changed ?? unit.changed);
  const createdIso = exactStamp(createdDate, prop(TMX_PROP.created));
  const changedIso = exactStamp(changedDate, prop(TMX_PROP.changed));
  const created = createdIso ?? changedIso ?? now;
  const changed = changedIso ?? created;
  return {
    source,
    target: tuv.text.normalize('NFC'),
    origin: origin !== undefined && TILMASH_ORIGIN.test(origin) ? origin : IMPORT_ORIGIN,
    status: status !== undefined && STATUSES.has(status) ? (status as TmStatus) : 'translated',
    created,
    changed,
  };
}

/**
 * The exact stamp a Tilmash export kept in `x-created`/`x-changed`, when it agrees with the TMX date
 * to the second (another tool that edited the date did not update the prop: its date wins).
 */
function exactStamp(dateIso: string | undefined, propValue: string | undefined): string | undefined {
  if (propValue === undefined || !/^\d{4}-\d{2}-\d{2}T/.test(propValue)) return dateIso;
  const ms = Date.parse(propValue);
  if (Number.isNaN(ms)) return dateIso;
  if (dateIso !== undefined && new Date(Math.floor(ms / 1000) * 1000).toISOString() !== dateIso) return dateIso;
  return propValue;
}

/** `20240501T100000Z` (or `2024-05-01T10:00:00Z`) → `2024-05-01T10:00:00.000Z`; undefined if not a valid date. */
function tmxDateToIso(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})Z$/.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const iso = date.toISOString();
  // Date.UTC rolls 30 February over to March: reject dates whose fields did not survive.
  return iso.slice(0, 19).replace(/[-:]/g, '') === `${match[1]}${match[2]}${match[3]}T${match[4]}${match[5]}${match[6]}` ? iso : undefined;
}
