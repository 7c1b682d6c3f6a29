/**
 * XLIFF 1.2 reader for files written by Tilmash and by CAT tools (memoQ, OmegaT, Trados, Okapi).
 *
 * - Elements count by namespace, not prefix: the XLIFF 1.2 (or 1.1) namespace, or none at all.
 *   Elements of other namespaces inside source and target are unwrapped; elsewhere they are ignored.
 * - Pieces come back from inline codes: `<ph>`/`<it>` → placeholder, `<bpt>`/`<bx>`/`<g>` → open,
 *   `<ept>`/`<ex>`/`</g>` → close, with the element's text as `raw`. A target code without text
 *   (`<x/>`, `<g>`, `<bx/>`, an emptied `<ph/>`) takes the raw of the source code with the same id.
 *   `<mrk>` (Trados segment wrappers, terms, …) is unwrapped. `ctype="x-<kind>"` gives a
 *   placeholder's kind (else the source code's, else `code`); `rid` gives a tag's pair.
 * - State: `state` on `<target>`; `needs-adaptation`/`needs-l10n` read as `needs-translation`,
 *   `needs-review-adaptation`/`needs-review-l10n` as `needs-review-translation`. Without one, a
 *   Trados `sdl:seg conf` is mapped (the least advanced segment wins). An empty `<target/>` is no
 *   translation. What a state means for the TM is the import job's decision (`xliff-state-model.ts`).
 * - Where tools keep our id: `id`, `resname`, and `<context-group purpose="location">` contexts
 *   (po2xliff writes numeric ids and keeps PO `#:` references there) are all read.
 */
import { readPieces } from './xliff-inline.js';
import { XliffPieceReader, type InlineCode } from './xliff-piece-reader.js';
import { sdlState, targetState } from './xliff-states.js';
import { isXliff, parseXliffDocument, xliffChildren, xliffUsageError, type XliffElement } from './xliff-tree.js';
import { XLIFF_STATE_QUALIFIERS, type ImportedXliffFile, type ImportedXliffUnit, type XliffStateQualifier } from './xliff-types.js';

/**
 * Reads an XLIFF 1.2 document. `file` names it in error messages. Malformed XML, a root other than
 * `<xliff version="1.x">`, or a file or trans-unit missing what Tilmash needs throws
 * `TilmashError('usage')` naming the file, the line and the fix.
 */
export function importXliff(text: string, file: string): ImportedXliffFile[] {
  const root = parseXliffDocument(text.startsWith('\uFEFF') ? text.slice(1) : text, file);
  const version = root.attributes.get('version') ?? '';
  if (root.local !== 'xliff' || !isXliff(root) || !/^1\.[012]$/.test(version)) {
    const found = root.local === 'xliff' ? `<xliff version="${version}"> in namespace "${root.namespace}"` : `<${root.local}>`;
    throw xliffUsageError(file, root.line, `expected an XLIFF 1.2 document (<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">), found ${found}; export the file as XLIFF 1.2`);
  }
  return xliffChildren(root, 'file').map((element) => readFile(element, file));
}

function readFile(element: XliffElement, file: string): ImportedXliffFile {
  const required = (name: string, example: string): string => {
    const value = element.attributes.get(name);
    if (value === undefined || value === '') throw xliffUsageError(file, element.line, `<file> has no ${name} attribute; add ${name}="${example}"`);
    return value;
  };
  const original = required('original', 'article');
  const sourceLocale = required('source-language', 'ru');
  const targetLocale = element.attributes.get('target-language') ?? ''; // po2xliff writes none
  const units: ImportedXliffUnit[] = [];
  const lineById = new Map<string, number>();
  for (const unitElement of transUnits(element)) {
    const unit = readUnit(unitElement, file);
    const earlier = lineById.get(unit.id);
    if (earlier !== undefined) throw xliffUsageError(file, unit.line, `trans-unit id "${unit.id}" is already used on line ${earlier}; give each trans-unit its own id`);
    lineById.set(unit.id, unit.line);
    units.push(unit);
  }
  return { original, sourceLocale, targetLocale, fromReview: fromReview(element), units };
}

const REVIEW_PROCESS = /review|proof|approv|sign-?off|\bqa\b|revision/i;

/** Whether the file's header says it went through a review step (`<phase process-name="review">`). */
function fromReview(file: XliffElement): boolean {
  const phases = xliffChildren(file, 'header').flatMap((header) => xliffChildren(header, 'phase-group')).flatMap((group) => xliffChildren(group, 'phase'));
  return phases.some((phase) => REVIEW_PROCESS.test(phase.attributes.get('process-name') ?? ''));
}

/** Texts of the unit's `<context-group purpose="location">` contexts, trimmed, in order. */
function locationsOf(unit: XliffElement): string[] {
  return xliffChildren(unit, 'context-group')
    .filter((group) => (group.attributes.get('purpose') ?? '').split(/\s+/).includes('location'))
    .flatMap((group) => xliffChildren(group, 'context'))
    .map((context) => textOf(context).trim())
    .filter((text) => text !== '');
}

function textOf(element: XliffElement): string {
  return element.children.map((child) => (child.kind === 'text' ? child.text : textOf(child))).join('');
}

/** Trans-units of a file's body in document order, through nested `<group>`s. */
function transUnits(parent: XliffElement): XliffElement[] {
  return xliffChildren(parent).flatMap((child) => {
    if (child.local === 'trans-unit') return [child];
    if (child.local === 'body' || child.local === 'group') return transUnits(child);
    return [];
  });
}

function readUnit(element: XliffElement, file: string): ImportedXliffUnit {
  const id = element.attributes.get('id');
  if (id === undefined || id === '') throw xliffUsageError(file, element.line, '<trans-unit> has no id attribute; add a unique id="…" (Tilmash ids are <namespace>.<key>)');
  const source = xliffChildren(element, 'source')[0];
  if (source === undefined) throw xliffUsageError(file, element.line, `trans-unit "${id}" has no <source>; add the source text`);
  const sourceCodes = new Map<string, InlineCode>();
  const sourcePieces = readPieces(source.children, new XliffPieceReader(undefined, sourceCodes));
  const unit: ImportedXliffUnit = { id, sourcePieces, approved: element.attributes.get('approved') === 'yes', locations: locationsOf(element), line: element.line };
  const restype = element.attributes.get('restype');
  if (restype !== undefined) unit.restype = restype;
  const resname = element.attributes.get('resname');
  if (resname !== undefined && resname !== '') unit.resname = resname;
  const target = xliffChildren(element, 'target')[0];
  const targetPieces = target === undefined ? [] : readPieces(target.children, new XliffPieceReader(sourceCodes));
  if (targetPieces.length > 0) unit.targetPieces = targetPieces;
  const state = targetState(target) ?? sdlState(element);
  if (state !== undefined) unit.state = state;
  const qualifier = target?.attributes.get('state-qualifier');
  if (qualifier !== undefined && (XLIFF_STATE_QUALIFIERS as readonly string[]).includes(qualifier)) unit.stateQualifier = qualifier as XliffStateQualifier;
  return unit;
}
