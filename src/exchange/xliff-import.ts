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
 *   translation.
 */
import { XMLValidator } from 'fast-xml-parser';
import { createOrderedXmlParser, XML_META } from './ordered-xml-parser.js';
import { TilmashError, place } from '../errors.js';
import type { Piece, PlaceholderKind } from '../protect/protect-types.js';
import {
  XLIFF_STATES,
  XLIFF_STATE_QUALIFIERS,
  type ImportedXliffFile,
  type ImportedXliffUnit,
  type XliffState,
  type XliffStateQualifier,
} from './xliff-types.js';
import { decodeXmlEntities } from './xml-text.js';

const XLIFF_NAMESPACES = new Set(['urn:oasis:names:tc:xliff:document:1.2', 'urn:oasis:names:tc:xliff:document:1.1', '']);
const SDL_NAMESPACE = 'http://sdl.com/FileTypes/SdlXliff/1.0';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const PLACEHOLDER_KINDS: readonly PlaceholderKind[] = ['variable', 'nesting', 'tag', 'url', 'email', 'term', 'code'];

const STATE_ALIASES: Record<string, XliffState> = {
  'needs-adaptation': 'needs-translation',
  'needs-l10n': 'needs-translation',
  'needs-review-adaptation': 'needs-review-translation',
  'needs-review-l10n': 'needs-review-translation',
};
/** Trados `sdl:seg conf` values. */
const SDL_STATES: Record<string, XliffState> = {
  Draft: 'needs-translation',
  Translated: 'translated',
  RejectedTranslation: 'needs-review-translation',
  ApprovedTranslation: 'signed-off',
  RejectedSignOff: 'needs-review-translation',
  ApprovedSignOff: 'final',
};

/** A parsed element with its namespace resolved and its text decoded. */
interface XmlElement {
  kind: 'element';
  namespace: string;
  local: string;
  /** Attributes by qualified name as written (`id`, `xml:space`, `sdl:foo`). */
  attributes: Map<string, string>;
  children: XmlNode[];
  line: number;
}
type XmlNode = XmlElement | { kind: 'text'; text: string };

/**
 * Reads an XLIFF 1.2 document. `file` names it in error messages. Malformed XML, a root other than
 * `<xliff version="1.x">`, or a file or trans-unit missing what Tilmash needs throws
 * `TilmashError('usage')` naming the file, the line and the fix.
 */
export function importXliff(text: string, file: string): ImportedXliffFile[] {
  const root = parseDocument(text.startsWith('\uFEFF') ? text.slice(1) : text, file);
  const version = root.attributes.get('version') ?? '';
  if (root.local !== 'xliff' || !isXliff(root) || !/^1\.[012]$/.test(version)) {
    const found = root.local === 'xliff' ? `<xliff version="${version}"> in namespace "${root.namespace}"` : `<${root.local}>`;
    throw usage(file, root.line, `expected an XLIFF 1.2 document (<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">), found ${found}; export the file as XLIFF 1.2`);
  }
  return xliffChildren(root, 'file').map((element) => readFile(element, file));
}

function readFile(element: XmlElement, file: string): ImportedXliffFile {
  const required = (name: string, example: string): string => {
    const value = element.attributes.get(name);
    if (value === undefined || value === '') throw usage(file, element.line, `<file> has no ${name} attribute; add ${name}="${example}"`);
    return value;
  };
  const original = required('original', 'article');
  const sourceLocale = required('source-language', 'ru');
  const targetLocale = required('target-language', 'kk');
  const units: ImportedXliffUnit[] = [];
  const lineById = new Map<string, number>();
  for (const unitElement of transUnits(element)) {
    const unit = readUnit(unitElement, file);
    const earlier = lineById.get(unit.id);
    if (earlier !== undefined) throw usage(file, unit.line, `trans-unit id "${unit.id}" is already used on line ${earlier}; give each trans-unit its own id`);
    lineById.set(unit.id, unit.line);
    units.push(unit);
  }
  return { original, sourceLocale, targetLocale, units };
}

/** Trans-units of a file's body in document order, through nested `<group>`s. */
function transUnits(parent: XmlElement): XmlElement[] {
  return xliffChildren(parent).flatMap((child) => {
    if (child.local === 'trans-unit') return [child];
    if (child.local === 'body' || child.local === 'group') return transUnits(child);
    return [];
  });
}

function readUnit(element: XmlElement, file: string): ImportedXliffUnit {
  const id = element.attributes.get('id');
  if (id === undefined || id === '') throw usage(file, element.line, '<trans-unit> has no id attribute; add a unique id="…" (Tilmash ids are <namespace>.<key>)');
  const source = xliffChildren(element, 'source')[0];
  if (source === undefined) throw usage(file, element.line, `trans-unit "${id}" has no <source>; add the source text`);
  const sourceCodes = new Map<string, InlineCode>();
  const sourcePieces = readPieces(source.children, new PieceReader(undefined, sourceCodes));
  const unit: ImportedXliffUnit = { id, sourcePieces, approved: element.attributes.get('approved') === 'yes', line: element.line };
  const target = xliffChildren(element, 'target')[0];
  const targetPieces = target === undefined ? [] : readPieces(target.children, new PieceReader(sourceCodes, new Map()));
  if (targetPieces.length > 0) unit.targetPieces = targetPieces;
  const state = targetState(target) ?? sdlState(element);
  if (state !== undefined) unit.state = state;
  const qualifier = target?.attributes.get('state-qualifier');
  if (qualifier !== undefined && (XLIFF_STATE_QUALIFIERS as readonly string[]).includes(qualifier)) unit.stateQualifier = qualifier as XliffStateQualifier;
  return unit;
}

function targetState(target: XmlElement | undefined): XliffState | undefined {
  const state = target?.attributes.get('state');
  if (state === undefined) return undefined;
  return (XLIFF_STATES as readonly string[]).includes(state) ? (state as XliffState) : STATE_ALIASES[state];
}

/** The least advanced state of the unit's Trados segments (`<sdl:seg-defs><sdl:seg conf="…"/>`). */
function sdlState(unit: XmlElement): XliffState | undefined {
  const states = unit.children
    .filter((c): c is XmlElement => c.kind === 'element' && c.namespace === SDL_NAMESPACE && c.local === 'seg-defs')
    .flatMap((defs) => defs.children.filter((c): c is XmlElement => c.kind === 'element' && c.local === 'seg'))
    .map((seg) => SDL_STATES[seg.attributes.get('conf') ?? ''] ?? 'new');
  if (states.length === 0) return undefined;
  return states.reduce((least, state) => (XLIFF_STATES.indexOf(state) < XLIFF_STATES.indexOf(least) ? state : least));
}

// ─── Inline codes → pieces ───────────────────────────────────────────────────

/** What a source inline code stood for, looked up by id when a target code has no text of its own. */
interface InlineCode {
  placeholder?: Extract<Piece, { type: 'placeholder' }>;
  open?: Extract<Piece, { type: 'open' }>;
  close?: Extract<Piece, { type: 'close' }>;
}

/** Pieces of one `<source>` or `<target>`. `sourceCodes` is undefined while reading a source. */
class PieceReader {
  readonly pieces: Piece[] = [];
  /** Pair of each open code of this element by id, for a close without `rid`. */
  readonly #pairById = new Map<string, number>();
  #nextPair = 0;

  constructor(
    readonly sourceCodes: ReadonlyMap<string, InlineCode> | undefined,
    /** Codes of this element by id (filled while reading a source). */
    readonly codes: Map<string, InlineCode>,
  ) {
    for (const code of sourceCodes?.values() ?? []) this.reservePair(code.open?.pair ?? code.close?.pair);
  }

  reservePair(pair: number | undefined): void {
    if (pair !== undefined && pair >= this.#nextPair) this.#nextPair = pair + 1;
  }

  text(text: string): void {
    const last = this.pieces.at(-1);
    if (last?.type === 'text') last.text += text;
    else if (text !== '') this.pieces.push({ type: 'text', text });
  }

  source(id: string): InlineCode | undefined {
    return this.sourceCodes?.get(id);
  }

  placeholder(id: string, raw: string, kind: PlaceholderKind): void {
    const piece = { type: 'placeholder' as const, raw, kind };
    this.pieces.push(piece);
    this.#record(id).placeholder ??= piece;
  }

  open(id: string, raw: string, rid: number | undefined): void {
    const pair = rid ?? this.source(id)?.open?.pair ?? this.#nextPair;
    this.reservePair(pair);
    this.#pairById.set(id, pair);
    const piece = { type: 'open' as const, raw, pair };
    this.pieces.push(piece);
    this.#record(id).open ??= piece;
  }

  close(id: string, raw: string, rid: number | undefined): void {
    const pair = rid ?? this.#pairById.get(id) ?? this.source(id)?.close?.pair ?? this.#nextPair;
    this.reservePair(pair);
    const piece = { type: 'close' as const, raw, pair };
    this.pieces.push(piece);
    this.#record(id).close ??= piece;
  }

  #record(id: string): InlineCode {
    let code = this.codes.get(id);
    if (code === undefined) this.codes.set(id, (code = {}));
    return code;
  }
}

function readPieces(nodes: readonly XmlNode[], reader: PieceReader): Piece[] {
  for (const rid of rids(nodes)) reader.reservePair(rid);
  readInline(nodes, reader);
  return reader.pieces;
}

function readInline(nodes: readonly XmlNode[], reader: PieceReader): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      reader.text(node.text);
      continue;
    }
    if (!isXliff(node)) {
      readInline(node.children, reader);
      continue;
    }
    const id = node.attributes.get('id') ?? '';
    const own = textContent(node);
    const code = reader.source(id);
    const rid = ridOf(node);
    switch (node.local) {
      case 'ph':
      case 'it':
      case 'x': {
        const kind = ctypeKind(node) ?? code?.placeholder?.kind ?? (node.local === 'it' ? 'tag' : 'code');
        reader.placeholder(id, own || code?.placeholder?.raw || fallbackRaw(node), kind);
        break;
      }
      case 'bpt':
      case 'bx':
        reader.open(id, own || code?.open?.raw || fallbackRaw(node), rid);
        break;
      case 'ept':
      case 'ex':
        reader.close(id, own || code?.close?.raw || fallbackRaw(node), rid);
        break;
      case 'g':
        reader.open(id, code?.open?.raw ?? `<g id="${id}">`, rid);
        readInline(node.children, reader);
        reader.close(id, code?.close?.raw ?? '</g>', rid);
        break;
      default: // mrk, and anything unknown: keep the content
        readInline(node.children, reader);
    }
  }
}

/** A code with no text and no source counterpart: its `equiv-text`, or the code itself. */
function fallbackRaw(element: XmlElement): string {
  return element.attributes.get('equiv-text') || `<${element.local} id="${element.attributes.get('id') ?? ''}"/>`;
}

function ctypeKind(element: XmlElement): PlaceholderKind | undefined {
  const ctype = element.attributes.get('ctype') ?? '';
  const kind = ctype.startsWith('x-') ? ctype.slice(2) : '';
  return (PLACEHOLDER_KINDS as readonly string[]).includes(kind) ? (kind as PlaceholderKind) : undefined;
}

function ridOf(element: XmlElement): number | undefined {
  const rid = element.attributes.get('rid');
  return rid !== undefined && /^-?\d+$/.test(rid) ? Number(rid) : undefined;
}

/** Every numeric `rid` in `nodes`, so pairs made up for codes without one never collide with them. */
function rids(nodes: readonly XmlNode[]): number[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'text') return [];
    const rid = ridOf(node);
    return rid === undefined ? rids(node.children) : [rid, ...rids(node.children)];
  });
}

function textContent(element: XmlElement): string {
  return element.children.map((child) => (child.kind === 'text' ? child.text : textContent(child))).join('');
}

// ─── XML → elements ──────────────────────────────────────────────────────────

function isXliff(element: XmlElement): boolean {
  return XLIFF_NAMESPACES.has(element.namespace);
}

function xliffChildren(parent: XmlElement, local?: string): XmlElement[] {
  return parent.children.filter((c): c is XmlElement => c.kind === 'element' && isXliff(c) && (local === undefined || c.local === local));
}

function usage(file: string, line: number | undefined, message: string): TilmashError {
  return new TilmashError('usage', `${place(file, line)}: ${message}`, { file });
}

type FxpNode = Record<string, unknown>;
const META = XML_META;

function parseDocument(text: string, file: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new TilmashError('usage', `${place(file, valid.err.line, valid.err.col)}: not well-formed XML: ${valid.err.msg} Fix the XML (or export the file again from the CAT tool).`, { file });
  }
  const parser = createOrderedXmlParser(); // entities are decoded here in one pass, strictly
  const lineOf = lineFinder(text);
  const elements = (parser.parse(text) as FxpNode[])
    .map((node) => toNode(node, new Map([['xml', XML_NAMESPACE]]), 1, lineOf, file))
    .filter((node): node is XmlElement => node?.kind === 'element');
  const root = elements[0];
  if (root === undefined) throw usage(file, 1, 'no root element; an XLIFF file starts with <xliff version="1.2" …>');
  if (elements.length > 1) throw usage(file, elements[1]?.line, 'not well-formed XML: a second root element; an XML document has exactly one');
  return root;
}

function toNode(node: FxpNode, scope: ReadonlyMap<string, string>, parentLine: number, lineOf: (index: number) => number, file: string): XmlNode | undefined {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name === '#comment') return undefined;
  if (name === '#cdata') {
    const parts = node[name] as FxpNode[];
    return { kind: 'text', text: parts.map((part) => String(part['#text'] ?? '')).join('') };
  }
  const start = (node as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex;
  const line = start === undefined ? parentLine : lineOf(start); // text nodes carry no position
  const decode = (raw: string): string =>
    decodeXmlEntities(raw, (reference) => {
      throw usage(file, line, `unknown entity or character reference ${reference}; write the character itself or use &amp; &lt; &gt; &quot; &apos;`);
    });
  if (name === '#text') return { kind: 'text', text: decode(String(node[name])) };

  const attributes = new Map<string, string>();
  for (const [key, value] of Object.entries((node[':@'] as Record<string, string> | undefined) ?? {})) attributes.set(key, decode(String(value)));
  let inner = scope;
  for (const [key, value] of attributes) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      (inner as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), value);
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const namespace = inner.get(prefix);
  if (namespace === undefined && prefix !== '') throw usage(file, line, `the prefix "${prefix}" of <${name}> is not declared; add xmlns:${prefix}="…"`);
  const children = ((node[name] as FxpNode[] | undefined) ?? [])
    .map((child) => toNode(child, inner, line, lineOf, file))
    .filter((child): child is XmlNode => child !== undefined);
  return { kind: 'element', namespace: namespace ?? '', local: name.slice(colon + 1), attributes, children, line };
}

/** 1-based line of a character index (the parser reports indexes into the original text). */
function lineFinder(text: string): (index: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
