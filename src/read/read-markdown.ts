import { blockText, matchesAny } from './block-text.js';
import type { SourceLines } from './boilerplate.js';
import { reduceInline } from './markdown-inline.js';
import { findTables, tableBlock } from './markdown-table.js';
import type { ReaderOptions } from './reader-types.js';
import type { SourceBlock } from './source-block.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(?=\S)/;
/** A line that is only an image, possibly wrapped in a link: its alt text is a caption. */
const IMAGE_LINE = /^[ \t]*\[?!\[([^\]]*)\]\([^)]*\)(?:\]\([^)]*\))?[ \t]*$/;

/**
 * Sets to `null` the lines of a Markdown document that are not text: front matter (`---` … `---`
 * as the first lines), fenced code blocks (an unclosed fence runs to the end, as in CommonMark),
 * HTML comments (a comment inside a line is cut out) and link reference definitions.
 * Runs before boilerplate rules, so a rule never sees code or front matter.
 */
export function maskMarkdownNonText(lines: SourceLines): void {
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && (l?.trim() === '---' || l?.trim() === '...'));
    if (end > 0) lines.fill(null, 0, end + 1);
  }
  let fence: string | undefined;
  let inComment = false;
  lines.forEach((line, i) => {
    if (line === null) return;
    if (fence !== undefined) {
      const close = FENCE.exec(line)?.[1];
      if (close !== undefined && close[0] === fence[0] && close.length >= fence.length && line.trim() === close) fence = undefined;
      lines[i] = null;
      return;
    }
    const open = inComment ? null : FENCE.exec(line);
    if (open) {
      fence = open[1];
      lines[i] = null;
      return;
    }
    let out = '';
    let rest = line;
    while (rest !== '') {
      const at = rest.indexOf(inComment ? '-->' : '<!--');
      if (at < 0) {
        if (!inComment) out += rest;
        break;
      }
      if (!inComment) out += rest.slice(0, at);
      rest = rest.slice(at + (inComment ? 3 : 4));
      inComment = !inComment;
    }
    if (out !== line) lines[i] = out.trim() === '' ? null : out;
    if (LINK_DEFINITION.test(line)) lines[i] = null;
  });
}

/** A line that is only Markdown structure: a setext underline, a thematic break, a table's delimiter row. */
export function isMarkdownStructure(line: string): boolean {
  return SETEXT_UNDERLINE.test(line) || THEMATIC_BREAK.test(line) || /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/u.test(line);
}

/** A trimmed Markdown line without block markers and inline markup, for boilerplate rules. */
export function markdownVariant(trimmed: string): string[] {
  const bare = reduceInline(trimmed.replace(/^(?:>\s?)+/, '').replace(/^(?:#{1,6}|[-*+]|\d{1,9}[.)])\s+/, '')).trim();
  return bare === trimmed ? [] : [bare];
}

interface Draft {
  kind: 'paragraph' | 'list-item';
  parts: string[];
  line: number;
}

/**
 * Markdown (after `maskMarkdownNonText` and boilerplate): the first level-1 heading (ATX `#` or
 * setext `===`) is the `title`, other headings are `heading`s; a list item (`-`, `*`, `+`, `1.`,
 * `1)`, task boxes removed) is a `list-item` and takes the following non-blank lines; an image
 * alone on a line gives its alt text as a `caption`; a paragraph (lines joined with a space)
 * matching a caption pattern once its markup is removed (`*Фото: Синьхуа*`) is a `caption`.
 * A GFM table is one `table` block, its cells the pieces (see `tableBlock`).
 * Blockquote markers are dropped, thematic breaks skipped; inline markup (emphasis, links, code,
 * inline HTML) is kept in the text, so it survives translation (see src/protect).
 */
export function readMarkdown(lines: SourceLines, options: ReaderOptions): SourceBlock[] {
  const builder = new MarkdownBlocks(options);
  const tables = new Map(findTables(lines).map((range) => [range[0], range] as const));
  let skipUntil = -1;
  lines.forEach((raw, i) => {
    if (i < skipUntil) return;
    const table = tables.get(i);
    if (!table) return readLine(raw ?? '', i + 1, builder);
    builder.flush();
    builder.blocks.push(tableBlock(lines, table));
    skipUntil = table[1];
  });
  builder.flush();
  return builder.blocks;
}

/** One line of Markdown (1-based `line`) into `b`: starts, continues or ends a block. */
function readLine(raw: string, line: number, b: MarkdownBlocks): void {
  let text = raw;
  while (/^ {0,3}>/.test(text)) text = text.replace(/^ {0,3}> ?/, '');
  text = text.replace(/\\$/, ''); // a hard line break is a space here
  if (text.trim() === '') return b.flush();
  let m: RegExpExecArray | null;
  if ((m = ATX_HEADING.exec(text))) {
    b.flush();
    return b.heading(m[1]?.length ?? 1, m[2] ?? '', line);
  }
  if (b.current?.kind === 'paragraph' && (m = SETEXT_UNDERLINE.exec(text))) {
    const { parts, line: start } = b.current;
    b.current = undefined;
    return b.heading(m[1]?.startsWith('=') ? 1 : 2, parts.join(' '), start);
  }
  if (THEMATIC_BREAK.test(text)) return b.flush();
  if ((m = LIST_ITEM.exec(text))) {
    b.flush();
    b.current = { kind: 'list-item', parts: [text.slice(m[0].length)], line };
    return;
  }
  if ((m = IMAGE_LINE.exec(text))) {
    b.flush();
    return b.push('caption', m[1] ?? '', line);
  }
  if (b.current) b.current.parts.push(text);
  else b.current = { kind: 'paragraph', parts: [text], line };
}

/** The blocks read so far, the open paragraph or list item, and whether the title was seen. */
class MarkdownBlocks {
  readonly blocks: SourceBlock[] = [];
  current: Draft | undefined;
  private hasTitle = false;

  constructor(private readonly options: ReaderOptions) {}

  /**
   * Inline markup stays in the text: it is protected through MT and written back into the bundles.
   * Captions are plain words (an image's alt text, `*Фото: …*`): their markup is dropped.
   */
  push(kind: SourceBlock['kind'], markdown: string, line: number): void {
    const text = blockText(kind === 'caption' ? reduceInline(markdown) : markdown);
    if (text !== '') this.blocks.push({ kind, text, line });
  }

  heading(level: number, markdown: string, line: number): void {
    const title = level === 1 && !this.hasTitle;
    this.hasTitle ||= title;
    this.push(title ? 'title' : 'heading', markdown, line);
  }

  /** Ends the open block. Only a paragraph can be a caption; its pattern is matched without markup. */
  flush(): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    const text = blockText(current.parts.join('\n'));
    const plain = current.kind === 'paragraph' ? blockText(reduceInline(text)) : undefined;
    const caption = plain !== undefined && matchesAny(this.options.captionPatterns, plain);
    if (text !== '') this.blocks.push({ kind: caption ? 'caption' : current.kind, text: caption ? plain : text, line: current.line });
  }
}
