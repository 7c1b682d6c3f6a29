/** Inline content of `<source>`/`<target>` → pieces: inline codes become placeholders and tags. */
import type { Piece, PlaceholderKind } from '../protect/protect-types.js';
import type { XliffPieceReader } from './xliff-piece-reader.js';
import { isXliff, type XliffElement, type XliffNode } from './xliff-tree.js';

const PLACEHOLDER_KINDS: readonly PlaceholderKind[] = ['variable', 'nesting', 'tag', 'url', 'email', 'term', 'code'];

/** The pieces of `nodes`, read into `reader` (which holds the source codes when reading a target). */
export function readPieces(nodes: readonly XliffNode[], reader: XliffPieceReader): Piece[] {
  for (const rid of rids(nodes)) reader.reservePair(rid);
  readInline(nodes, reader);
  return reader.pieces;
}

function readInline(nodes: readonly XliffNode[], reader: XliffPieceReader): void {
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
function fallbackRaw(element: XliffElement): string {
  return element.attributes.get('equiv-text') || `<${element.local} id="${element.attributes.get('id') ?? ''}"/>`;
}

function ctypeKind(element: XliffElement): PlaceholderKind | undefined {
  const ctype = element.attributes.get('ctype') ?? '';
  const kind = ctype.startsWith('x-') ? ctype.slice(2) : '';
  return (PLACEHOLDER_KINDS as readonly string[]).includes(kind) ? (kind as PlaceholderKind) : undefined;
}

function ridOf(element: XliffElement): number | undefined {
  const rid = element.attributes.get('rid');
  return rid !== undefined && /^-?\d+$/.test(rid) ? Number(rid) : undefined;
}

/** Every numeric `rid` in `nodes`, so pairs made up for codes without one never collide with them. */
function rids(nodes: readonly XliffNode[]): number[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'text') return [];
    const rid = ridOf(node);
    return rid === undefined ? rids(node.children) : [rid, ...rids(node.children)];
  });
}

function textContent(element: XliffElement): string {
  return element.children.map((child) => (child.kind === 'text' ? child.text : textContent(child))).join('');
}
