import { blockText, matchesAny } from './block-text.js';
import type { SourceLines } from './boilerplate.js';
import { FUNCTION_WORD_SET } from './line-features.js';
import type { ReaderDecision, ReaderOptions } from './reader-types.js';
import type { SourceBlock } from './source-block.js';

/** A bullet, then whitespace. Dashes and hyphens are bullets only in a list context (see `listMarker`). */
const BULLET = /^([ \t\u00A0]*)([•·▪◦*\-–—])[ \t\u00A0]+(?=\S)/u;
/** `1.`, `1)`, `а)`, `a)`, then whitespace. */
const ORDERED = /^([ \t\u00A0]*)(?:\d{1,3}[.)]|[а-яёa-z]\))[ \t\u00A0]+(?=\S)/u;

/** A block as the plain-text reader forms it, before the page classifier decides what it is. */
export interface PlainBlock extends SourceBlock {
  /** How many source lines it was joined from. */
  lineCount: number;
}

interface Draft {
  kind: SourceBlock['kind'];
  parts: string[];
  line: number;
  /** List items: indentation of the marker; a more indented line continues the item. */
  indent: number;
}

/**
 * Plain text: blocks are formed line by line. Scraped pages put one paragraph on each line, so a
 * new line starts a new block unless it visibly continues the one before: it starts with a
 * lower-case letter, or the line before ends in `,`, `(`, a hyphen or dash, or a function word (a
 * hard-wrapped paragraph). A blank line or a dropped line always ends a block. A line starting
 * with a bullet or list marker is a `list-item` (marker and indentation removed; a following line
 * indented deeper continues it); a line matching a caption pattern is a `caption`.
 * Joins are recorded in `decisions` as `merged`.
 */
export function readPlainText(lines: SourceLines, options: ReaderOptions, decisions: ReaderDecision[] = []): PlainBlock[] {
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
    const marker = listMarker(raw, previous, item !== undefined, lines[i + 1] ?? null);
    if (marker) {
      item = { kind: 'list-item', parts: [raw.slice(marker.length)], line: i + 1, indent: marker.indent };
      drafts.push(item);
      paragraph = undefined;
    } else if (matchesAny(options.captionPatterns, blockText(raw))) {
      drafts.push({ kind: 'caption', parts: [raw], line: i + 1, indent: 0 });
      paragraph = item = undefined;
    } else if (item && indentOf(raw) > item.indent) {
      item.parts.push(raw);
      decisions.push({ line: i + 1, action: 'merged', rule: 'list-continuation', reason: 'indented under the list item above', text: raw.trim() });
    } else if (paragraph && continues(previous, raw.trim())) {
      paragraph.parts.push(raw);
      decisions.push({ line: i + 1, action: 'merged', rule: 'line-continuation', reason: 'continues the sentence of the line above', text: raw.trim() });
    } else {
      paragraph = { kind: 'paragraph', parts: [raw], line: i + 1, indent: 0 };
      drafts.push(paragraph);
      item = undefined;
    }
    previous = raw.trim();
  });
  // A one-line block keeps its line's string (no copy of the article's text per block).
  return drafts.map((d) => ({ kind: d.kind, text: blockText(d.parts.length === 1 ? (d.parts[0] as string) : d.parts.join(' ')), line: d.line, lineCount: d.parts.length }));
}

/** A line that continues the line before it rather than starting a paragraph of its own. */
function continues(previous: string, next: string): boolean {
  if (/^\p{Ll}/u.test(next)) return true;
  if (/[,(\-–—]$/u.test(previous)) return true;
  const last = /(\p{L}+)$/u.exec(previous)?.[1];
  return last !== undefined && last === last.toLowerCase() && FUNCTION_WORD_SET.has(last);
}

/**
 * The list marker at the start of `raw`, if any. A dash or hyphen starts a list item only when it
 * is indented, or follows another list item, or follows a line ending in `:` and is followed by
 * another dash line (a list has two items): an unindented `— ` line on its own is Russian direct
 * speech, and the dash is part of the text.
 */
function listMarker(raw: string, previous: string, afterItem: boolean, next: string | null): { length: number; indent: number } | undefined {
  const ordered = ORDERED.exec(raw);
  if (ordered) return { length: ordered[0].length, indent: (ordered[1] ?? '').length };
  const bullet = BULLET.exec(raw);
  if (!bullet) return undefined;
  const indent = (bullet[1] ?? '').length;
  const dash = /[-–—]/u.test(bullet[2] ?? '');
  if (dash && indent === 0 && !afterItem && !(previous.endsWith(':') && next !== null && /^[-–—][ \t\u00A0]/u.test(next.trimStart()))) return undefined;
  return { length: bullet[0].length, indent };
}

function indentOf(raw: string): number {
  return raw.length - raw.trimStart().length;
}
