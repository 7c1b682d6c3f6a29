/**
 * TMX import (1.1 to 1.4, as written by Tilmash, OmegaT, Trados and others) into TM entries per
 * Tilmash target locale. Pure: the caller reads the file (`decodeTmxBytes`) and records the entries.
 *
 * Behaviour a translator will notice:
 * - Languages match by language and script, ignoring case and a region the locale does not name:
 *   `en-US` → `en`, `zh-CN`/`zh-SG`/`zh-Hans` → `zh` (Simplified), `kk-KZ`/`kk-Cyrl` → `kk`; but
 *   `zh-TW`/`zh-HK`/`zh-Hant` are not `zh`, and `kk-Latn`/`kk-CN` are not `kk`.
 * - The source `<tuv>` is the one in the project source locale; a `<tu srclang>` other than it skips
 *   the unit. A header `srclang` other than that locale (or `*all*`) is read from the `<tuv>`
 *   languages with a warning when units have a `<tuv>` in the source locale (po2tmx writes
 *   `srclang="en"` over `ru` variants), and is an error when none has.
 * - Inline codes Tilmash writes are read back as their content, the placeholder or tag as text:
 *   every code of a file whose header says `creationtool="Tilmash"`, elsewhere those with
 *   `type="x-variable"` (… `x-tag`, `x-url`) and the `<ept>` of such a `<bpt>`.
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
import { place, TilmashError } from '../errors.js';
import { blockText } from '../read/block-text.js';
import type { TmEntry } from '../tm/tm-entry.js';
import { tmxEntry } from './tmx-entry.js';
import { tmxLangMatches } from './tmx-lang.js';
import { parseTmxTree, tmxAttribute, type TmxElement } from './tmx-tree.js';
import { pickTuv, readTmxUnit, segmentProblem } from './tmx-unit.js';
import { decodeXmlBytes } from './xml-bytes.js';

export { tmxLangMatches } from './tmx-lang.js';

/** Text of a TMX file (see `decodeXmlBytes`); bytes that are not UTF-8 throw `badTm`. */
export function decodeTmxBytes(bytes: Uint8Array, file: string): string {
  return decodeXmlBytes(bytes, file, 'badTm');
}

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
  /** About the file as a whole, e.g. a header srclang its units contradict. */
  warnings: string[];
}

type Fail = (line: number | undefined, problem: string, fix: string) => TilmashError;
type Read = <T>(element: TmxElement, what: () => T) => T;

/** The unit kept so far for one source in one locale. */
interface Kept {
  entry: TmEntry;
  tu: number;
  line: number;
}

/** What reading the units builds up. */
interface ImportState {
  options: TmxImportOptions;
  byTilmash: boolean;
  /** The source language units are read in when they name none (`*all*`: any). */
  headerSource: string;
  best: Map<string, Map<string, Kept>>;
  skipped: TmxSkip[];
  sourceTuvs: number;
}

/**
 * Reads TMX text into TM entries. Throws `badTm` naming `file:line` for text that is not well-formed
 * XML, a root other than `<tmx>`, a missing `<header>`/`<body>`, an unsupported entity, or a header
 * `srclang` that is not the source locale; units that cannot be imported are listed in `skipped`.
 */
export function importTmx(text: string, file: string, options: TmxImportOptions): TmxImport {
  const fail: Fail = (line, problem, fix) =>
    new TilmashError('badTm', `${place(file, line)}: ${problem}. ${fix}; nothing was imported.`, { file });
  const read: Read = (element, what) => {
    try {
      return what();
    } catch (error) {
      throw fail(element.line, `in the <${element.name}> starting here, ${(error as Error).message}`, 'Replace it with the character it stands for');
    }
  };
  const { header, body } = tmxParts(text, fail);
  const declaredSource = read(header, () => tmxAttribute(header, 'srclang')) ?? '*all*';
  const headerMismatch = declaredSource !== '*all*' && !tmxLangMatches(declaredSource, options.sourceLocale);
  const state: ImportState = {
    options,
    byTilmash: read(header, () => tmxAttribute(header, 'creationtool')) === 'Tilmash',
    // A mismatching header: the <tuv> languages decide (checked after the units are read).
    headerSource: headerMismatch ? '*all*' : declaredSource,
    best: new Map(options.targetLocales.map((locale) => [locale, new Map()])),
    skipped: [],
    sourceTuvs: 0,
  };
  let tuNumber = 0;
  for (const tu of body.children) {
    if (tu.name !== 'tu') continue;
    tuNumber++;
    importUnit(state, read(tu, () => readTmxUnit(tu, state.byTilmash)), tu, tuNumber);
  }
  const warnings = headerMismatch ? [headerWarning(state, declaredSource, header, fail)] : [];
  const entries = new Map<string, TmEntry[]>();
  for (const [locale, bySource] of state.best) {
    entries.set(locale, [...bySource.keys()].sort().map((source) => (bySource.get(source) as Kept).entry));
  }
  state.skipped.sort((a, b) => a.tu - b.tu);
  return { entries, skipped: state.skipped, warnings };
}

/** The `<header>` and `<body>` of the one `<tmx>` root. */
function tmxParts(text: string, fail: Fail): { header: TmxElement; body: TmxElement } {
  const xml = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const roots = parseTmxTree(xml, (error) => {
    throw fail(error.line, `not well-formed XML (${error.message})`, 'Fix the file, or export it again from the tool that made it');
  });
  const root = roots[0];
  if (roots.length !== 1 || root?.name !== 'tmx') {
    throw fail(root?.line, `the root element is <${root?.name ?? ''}>, not <tmx>: this is not a TMX file`, 'Choose a .tmx file exported from a translation memory');
  }
  const header = root.children.find((element) => element.name === 'header');
  const body = root.children.find((element) => element.name === 'body');
  if (header === undefined || body === undefined) {
    throw fail(root.line, `<tmx> has no <${header === undefined ? 'header' : 'body'}>`, 'Export the TMX again from the tool that made it');
  }
  return { header, body };
}

/** One `<tu>`: its source checked, then each target locale's `<tuv>` kept or skipped. */
function importUnit(state: ImportState, unit: ReturnType<typeof readTmxUnit>, tu: TmxElement, tuNumber: number): void {
  const { options } = state;
  const skip = (reason: string) => state.skipped.push({ tu: tuNumber, line: tu.line, reason });
  const unitSource = unit.srclang ?? state.headerSource;
  if (unitSource !== '*all*' && !tmxLangMatches(unitSource, options.sourceLocale)) {
    return void skip(`its srclang is ${JSON.stringify(unitSource)}, not ${options.sourceLocale}`);
  }
  const sourceTuv = pickTuv(unit.tuvs, options.sourceLocale);
  if (sourceTuv === undefined) {
    return void skip(`no <tuv> in ${options.sourceLocale} (languages: ${unit.tuvs.map((tuv) => tuv.lang).join(', ') || 'none'})`);
  }
  state.sourceTuvs++;
  const sourceProblem = segmentProblem(sourceTuv);
  if (sourceProblem !== undefined) return void skip(`the source ${sourceProblem}`);
  const source = blockText(sourceTuv.text.normalize('NFC'));
  if (source === '') return void skip('the source is empty');
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
    keepLater(state, locale, source, { entry: tmxEntry(source, tuv, unit, options.now), tu: tuNumber, line: tu.line });
  }
  if (!found) {
    skip(`no <tuv> in ${options.targetLocales.join(', ')} (languages: ${unit.tuvs.map((tuv) => tuv.lang).join(', ')})`);
  }
}

/** A source repeated in the file: the unit with the later `changedate` wins (the later unit on a tie). */
function keepLater(state: ImportState, locale: string, source: string, kept: Kept): void {
  const bySource = state.best.get(locale) as Map<string, Kept>;
  const previous = bySource.get(source);
  if (previous !== undefined && previous.entry.changed > kept.entry.changed) {
    state.skipped.push({ tu: kept.tu, line: kept.line, reason: `${locale}: the same source as tu ${previous.tu}, which has the later changedate` });
    return;
  }
  if (previous !== undefined) {
    state.skipped.push({ tu: previous.tu, line: previous.line, reason: `${locale}: the same source as tu ${kept.tu}, which has the later (or same) changedate` });
  }
  bySource.set(source, kept);
}

/** A header srclang the units contradict: a warning when units have a `<tuv>` in the source locale, else an error. */
function headerWarning(state: ImportState, declaredSource: string, header: TmxElement, fail: Fail): string {
  const { sourceLocale } = state.options;
  if (state.sourceTuvs === 0) {
    throw fail(header.line, `the header's srclang is ${JSON.stringify(declaredSource)}, but the project's source locale is ${sourceLocale}, and no unit has a <tuv> in ${sourceLocale}`, `Export a memory whose source language is ${sourceLocale}`);
  }
  const n = state.sourceTuvs;
  return `the header's srclang is ${JSON.stringify(declaredSource)} but ${n} unit${n === 1 ? ' has' : 's have'} a <tuv> in ${sourceLocale}: read by the <tuv> languages (the tool wrote a wrong header; po2tmx does unless given --source-language)`;
}
