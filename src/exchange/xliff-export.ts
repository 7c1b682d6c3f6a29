/**
 * XLIFF 1.2 writer. The output validates against the OASIS strict schema and is byte-stable: no
 * dates, fixed attribute order and indentation, LF line ends, one trailing newline.
 *
 * Protected pieces become inline codes with their raw text inside, so CAT tools show and keep them:
 * a placeholder is `<ph id="N" ctype="x-<kind>">raw</ph>`, a paired tag `<bpt id="N" rid="P">raw</bpt>`
 * … `<ept id="N" rid="P">raw</ept>` (`rid` is the piece's `pair`, written only when the pair is
 * well formed in that element, as the schema's keys require). Inline ids count from 1 in source
 * order; a target piece takes the id of the source piece with the same raw text, so a CAT tool
 * lines them up.
 */
import { TilmashError } from '../errors.js';
import type { Piece } from '../protect/protect-types.js';
import { XLIFF_NAMESPACE, type XliffFile, type XliffUnit } from './xliff-types.js';
import { escapeXmlAttribute, escapeXmlText, findNonXmlChar } from './xml-text.js';
const TOOL_ID = 'tilmash';
/** `xsd:language`, the type of `source-language` and `target-language`. */
const XSD_LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

export interface ExportXliffOptions {
  /** Written as `tool-version` of the `<tool>` in each file's header. */
  toolVersion: string;
}

/** One XLIFF 1.2 document holding `files` in the given order, units in the given order. */
export function exportXliff(files: readonly XliffFile[], options: ExportXliffOptions): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<xliff version="1.2" xmlns="${XLIFF_NAMESPACE}">`];
  for (const file of files) lines.push(...fileLines(file, options));
  lines.push('</xliff>', '');
  return lines.join('\n');
}

function fileLines(file: XliffFile, options: ExportXliffOptions): string[] {
  for (const locale of [file.sourceLocale, file.targetLocale]) {
    if (!XSD_LANGUAGE.test(locale)) {
      throw new TilmashError('usage', `XLIFF file "${file.original}": "${locale}" is not a language tag XLIFF accepts; use a BCP 47 tag such as kk or zh-Hans`);
    }
  }
  const badChar = findNonXmlChar(file.original);
  if (badChar !== undefined) throw new TilmashError('usage', `XLIFF file "${file.original}": the name contains ${badChar.codePoint}, which XML 1.0 cannot carry; rename it`);
  const seen = new Set<string>();
  for (const unit of file.units) {
    if (seen.has(unit.id)) throw new Error(`XLIFF file "${file.original}": two units have the id "${unit.id}"; unit ids must be unique`);
    seen.add(unit.id);
  }
  const attributes = attrs([
    ['original', file.original],
    ['source-language', file.sourceLocale],
    ['target-language', file.targetLocale],
    ['datatype', 'plaintext'],
    ['tool-id', TOOL_ID],
  ]);
  return [
    `  <file${attributes}>`,
    '    <header>',
    `      <tool${attrs([['tool-id', TOOL_ID], ['tool-name', 'Tilmash'], ['tool-version', options.toolVersion]])}/>`,
    '    </header>',
    ...(file.units.length === 0 ? ['    <body/>'] : ['    <body>', ...file.units.flatMap((unit) => unitLines(unit, file.original)), '    </body>']),
    '  </file>',
  ];
}

function unitLines(unit: XliffUnit, original: string): string[] {
  checkXmlChars(unit, original);
  const target = unit.targetPieces ?? [];
  if (target.length === 0 && unit.state !== 'new' && unit.state !== 'needs-translation') {
    throw new Error(`XLIFF unit "${unit.id}" of "${original}" has state "${unit.state}" but no target`);
  }
  const approved = unit.state === 'signed-off' || unit.state === 'final';
  const unitAttributes = attrs([
    ['id', unit.id],
    ['approved', approved ? 'yes' : undefined],
    ['xml:space', needsPreserve(unit.sourcePieces, target) ? 'preserve' : undefined],
  ]);
  const ids = inlineIds(unit.sourcePieces, target);
  const targetAttributes = attrs([['state', unit.state], ['state-qualifier', unit.stateQualifier]]);
  const lines = [
    `      <trans-unit${unitAttributes}>`,
    `        <source>${inlineXml(unit.sourcePieces, ids.source)}</source>`,
    target.length === 0 ? `        <target${targetAttributes}/>` : `        <target${targetAttributes}>${inlineXml(target, ids.target)}</target>`,
  ];
  // from="developer": translate-toolkit's xliff2po keeps only these (as `#.` comments).
  for (const note of unit.notes) lines.push(`        <note from="developer">${escapeXmlText(note)}</note>`);
  for (const suggestion of unit.suggestions) {
    if (!(suggestion.similarity >= 0 && suggestion.similarity <= 1)) {
      throw new Error(`XLIFF unit "${unit.id}": suggestion similarity ${suggestion.similarity} is outside [0, 1]`);
    }
    const quality = String(Math.round(suggestion.similarity * 100));
    const altIds = inlineIds(suggestion.sourcePieces, suggestion.targetPieces);
    lines.push(
      `        <alt-trans${attrs([['match-quality', quality], ['origin', suggestion.origin], ['xml:space', needsPreserve(suggestion.sourcePieces, suggestion.targetPieces) ? 'preserve' : undefined]])}>`,
      `          <source>${inlineXml(suggestion.sourcePieces, altIds.source)}</source>`,
      `          <target>${inlineXml(suggestion.targetPieces, altIds.target)}</target>`,
      '        </alt-trans>',
    );
  }
  lines.push('      </trans-unit>');
  return lines;
}

/** ` name="value"` for each defined value, in the given order. */
function attrs(pairs: ReadonlyArray<readonly [string, string | undefined]>): string {
  return pairs.map(([name, value]) => (value === undefined ? '' : ` ${name}="${escapeXmlAttribute(value)}"`)).join('');
}

function* unitStrings(unit: XliffUnit): Generator<string> {
  yield unit.id;
  const all = [unit.sourcePieces, unit.targetPieces ?? [], ...unit.suggestions.flatMap((s) => [s.sourcePieces, s.targetPieces])];
  for (const pieces of all) for (const piece of pieces) yield piece.type === 'text' ? piece.text : piece.raw;
  yield* unit.notes;
  for (const suggestion of unit.suggestions) yield suggestion.origin;
}

function checkXmlChars(unit: XliffUnit, original: string): void {
  for (const text of unitStrings(unit)) {
    const bad = findNonXmlChar(text);
    if (bad !== undefined) {
      throw new TilmashError('usage', `XLIFF unit "${unit.id}" of "${original}" contains ${bad.codePoint}, which XML 1.0 cannot carry; remove it from the source or the translation`);
    }
  }
}

/**
 * Whether a tool could change whitespace of these contents unless told `xml:space="preserve"`
 * (leading, trailing or repeated whitespace, tabs, line ends). The schema gives `<trans-unit>` and
 * `<alt-trans>` each a default of `xml:space="default"`, so each decides on its own contents.
 */
function needsPreserve(...contents: ReadonlyArray<readonly Piece[]>): boolean {
  return contents.some((pieces) => {
    const joined = pieces.map((piece) => (piece.type === 'text' ? piece.text : piece.raw)).join('');
    return /^\s|\s$|\s\s|[\t\n\r]/.test(joined);
  });
}

interface InlineIds {
  /** The inline id of each piece (undefined for text pieces), same index as the pieces. */
  source: Array<number | undefined>;
  target: Array<number | undefined>;
}

/**
 * Inline ids: source pieces count from 1 (a close shares its open's id); each target piece reuses
 * the id of an unused source piece of the same type and raw text, a close the id of its open in the
 * target, and anything else gets a fresh id.
 */
function inlineIds(source: readonly Piece[], target: readonly Piece[]): InlineIds {
  let next = 1;
  const sourceIds = numberPieces(source, () => next++);
  const unused = new Map<string, number[]>();
  source.forEach((piece, index) => {
    const id = sourceIds[index];
    if (piece.type === 'text' || id === undefined) return;
    const key = `${piece.type}\u0000${piece.raw}`;
    const ids = unused.get(key);
    if (ids === undefined) unused.set(key, [id]);
    else ids.push(id);
  });
  const targetIds = numberPieces(target, (piece) => unused.get(`${piece.type}\u0000${piece.raw}`)?.shift() ?? next++);
  return { source: sourceIds, target: targetIds };
}

function numberPieces(pieces: readonly Piece[], newId: (piece: Exclude<Piece, { type: 'text' }>) => number): Array<number | undefined> {
  const openIds = new Map<number, number>();
  return pieces.map((piece) => {
    if (piece.type === 'text') return undefined;
    if (piece.type === 'close') {
      const id = openIds.get(piece.pair);
      if (id !== undefined) {
        openIds.delete(piece.pair);
        return id;
      }
      return newId(piece);
    }
    const id = newId(piece);
    if (piece.type === 'open') openIds.set(piece.pair, id);
    return id;
  });
}

/** Pairs with exactly one open followed by exactly one close: only these may carry `rid`. */
function wellFormedPairs(pieces: readonly Piece[]): Set<number> {
  const opens = new Map<number, number>();
  const closes = new Map<number, number>();
  const ordered = new Set<number>();
  for (const piece of pieces) {
    if (piece.type === 'open') opens.set(piece.pair, (opens.get(piece.pair) ?? 0) + 1);
    if (piece.type === 'close') {
      closes.set(piece.pair, (closes.get(piece.pair) ?? 0) + 1);
      if (opens.has(piece.pair)) ordered.add(piece.pair);
    }
  }
  return new Set([...ordered].filter((pair) => opens.get(pair) === 1 && closes.get(pair) === 1));
}

function inlineXml(pieces: readonly Piece[], ids: ReadonlyArray<number | undefined>): string {
  const paired = wellFormedPairs(pieces);
  return pieces
    .map((piece, index) => {
      if (piece.type === 'text') return escapeXmlText(piece.text);
      const id = String(ids[index]);
      const raw = escapeXmlText(piece.raw);
      if (piece.type === 'placeholder') return `<ph${attrs([['id', id], ['ctype', `x-${piece.kind}`]])}>${raw}</ph>`;
      const rid = paired.has(piece.pair) ? String(piece.pair) : undefined;
      const element = piece.type === 'open' ? 'bpt' : 'ept';
      return `<${element}${attrs([['id', id], ['rid', rid]])}>${raw}</${element}>`;
    })
    .join('');
}
