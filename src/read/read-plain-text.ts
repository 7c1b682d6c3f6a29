import { blockText, matchesAny } from './block-text.js';
import type { SourceLines } from './boilerplate.js';
import type { ReaderOptions } from './read-document.js';
import type { SourceBlock } from './source-block.js';

/** A bullet, then whitespace. En and em dashes are bullets only in a list context (see `listMarker`). */
const BULLET = /^([ \t\u00A0]*)([•·▪◦*\-–—])[ \t\u00A0]+(?=\S)/u;
/** `1.`, `1)`, `а)`, `a)`, then whitespace. */
const ORDERED = /^([ \t\u00A0]*)(?:\d{1,3}[.)]|[а-яёa-z]\))[ \t\u00A0]+(?=\S)/u;

interface Draft {
  kind: SourceBlock['kind'];
  parts: string[];
  line: number;
  /** List items: indentation of the marker; a more indented line continues the item. */
  indent: number;
}

/**
 * Plain text: blocks are groups of lines between blank lines (or dropped boilerplate lines).
 * In a group, a line starting with a bullet or list marker is a `list-item` (marker and indentation
 * removed; a following line indented deeper continues it), a line matching a caption pattern is a
 * `caption`, and other consecutive lines are joined with a space into a `paragraph`.
 * The first block is the `title` when it is a paragraph of one line not ending in `.`, `:`, `;` or `,`.
 */
export function readPlainText(lines: SourceLines, options: ReaderOptions): SourceBlock[] {
  const drafts: Draft[] = [];
  let paragraph: Draft | undefined;
  let item: Draft | undefined;
  let previous = '';
  lines.forEach((raw, i) => {
    if (raw === null || raw.trim() === '') {
      paragraph = item = undefined;
      previous = '';
      return;
    }
    const marker = listMarker(raw, previous, item !== undefined);
    if (marker) {
      item = { kind: 'list-item', parts: [raw.slice(marker.length)], line: i + 1, indent: marker.indent };
      drafts.push(item);
      paragraph = undefined;
    } else if (matchesAny(options.captionPatterns, blockText(raw))) {
      drafts.push({ kind: 'caption', parts: [raw], line: i + 1, indent: 0 });
      paragraph = item = undefined;
    } else if (item && indentOf(raw) > item.indent) {
      item.parts.push(raw);
    } else if (paragraph) {
      paragraph.parts.push(raw);
    } else {
      paragraph = { kind: 'paragraph', parts: [raw], line: i + 1, indent: 0 };
      drafts.push(paragraph);
      item = undefined;
    }
    previous = raw.trim();
  });
  const blocks = drafts.map((d) => ({ kind: d.kind, text: blockText(d.parts.join(' ')), line: d.line }));
  const first = drafts[0];
  if (first && blocks[0] && first.kind === 'paragraph' && first.parts.length === 1 && !/[.:;,]$/.test(blocks[0].text))
    blocks[0].kind = 'title';
  return blocks;
}

/**
 * The list marker at the start of `raw`, if any. An en or em dash starts a list item only when it is
 * indented, follows a line ending in `:`, or follows another list item: an unindented `— ` line on
 * its own is Russian direct speech, and the dash is part of the text.
 */
function listMarker(raw: string, previous: string, afterItem: boolean): { length: number; indent: number } | undefined {
  const ordered = ORDERED.exec(raw);
  if (ordered) return { length: ordered[0].length, indent: (ordered[1] ?? '').length };
  const bullet = BULLET.exec(raw);
  if (!bullet) return undefined;
  const indent = (bullet[1] ?? '').length;
  const dash = bullet[2] === '–' || bullet[2] === '—';
  if (dash && indent === 0 && !previous.endsWith(':') && !afterItem) return undefined;
  return { length: bullet[0].length, indent };
}

function indentOf(raw: string): number {
  return raw.length - raw.trimStart().length;
}
