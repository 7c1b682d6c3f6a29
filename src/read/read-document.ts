import { TilmashError } from '../errors.js';
import { dropBoilerplate, type SourceLines } from './boilerplate.js';
import { classifyPage } from './classify-page.js';
import { isMarkdownStructure, markdownVariant, maskMarkdownNonText, readMarkdown } from './read-markdown.js';
import { findTables } from './markdown-table.js';
import { readPlainText } from './read-plain-text.js';
import type { ReaderDecision, ReaderOptions, SourceFormat } from './reader-types.js';
import type { SourceBlock } from './source-block.js';

export type { BoilerplateRule, ReaderDecision, ReaderOptions, SourceFormat } from './reader-types.js';

const CREDIT_RULES: ReadonlySet<string> = new Set(['copyright-credit']);

/** The blocks of a document, and every decision that dropped, cut or joined its lines. */
export interface ReadResult {
  blocks: SourceBlock[];
  /** In line order: what `tilmash segment --explain` prints. */
  decisions: ReaderDecision[];
}

/**
 * Reads a decoded source document (see `decodeText`) into translatable blocks, in source order.
 *
 * Line rules run first (`dropBoilerplate`: a dropped line ends the block before it). Plain text is
 * then formed into blocks line by line (`readPlainText`) and classified as a page (`classifyPage`:
 * repeats, teaser cards, the headline, chrome before it and after the text); Markdown has its
 * structure in its markup (`readMarkdown`), and only repeats are dropped.
 *
 * @throws TilmashError `badSource` when no block is left.
 */
export function readDocument(text: string, format: SourceFormat, options: ReaderOptions, file: string): SourceBlock[] {
  return readDocumentExplained(text, format, options, file).blocks;
}

/** `readDocument`, with the decisions behind it. */
export function readDocumentExplained(text: string, format: SourceFormat, options: ReaderOptions, file: string): ReadResult {
  const lines: SourceLines = text.split(/\r\n?|\n/);
  if (format === 'md') maskMarkdownNonText(lines);
  const { hits, decisions, counters, readMore, related } =
    format === 'md' ? dropBoilerplate(lines, options.boilerplate, markdownVariant, markdownStructure(lines)) : dropBoilerplate(lines, options.boilerplate);
  let blocks: SourceBlock[];
  if (format === 'md') {
    blocks = dropRepeatedBlocks(readMarkdown(lines, options), decisions);
  } else {
    // A dropped line separates a headline from the chrome before it; a photo credit does not.
    const droppedLines = new Set(decisions.filter((d) => d.action === 'dropped' && !CREDIT_RULES.has(d.rule)).map((d) => d.line));
    const datelines = new Set(decisions.filter((d) => d.rule === 'dateline' && /(?:19|20)\d{2}|\d{1,2}\.\d{1,2}\.\d{2}/u.test(d.text)).map((d) => d.line));
    blocks = classifyPage(readPlainText(lines, options, decisions), { droppedLines, counters, readMore, related, datelines }, decisions);
  }
  if (blocks.length === 0) throw noText(hits, file);
  decisions.sort((a, b) => a.line - b.line);
  return { blocks, decisions };
}

/** Lines that are Markdown structure, never seen by line rules: underlines, breaks and whole tables. */
function markdownStructure(lines: readonly (string | null)[]): (index: number) => boolean {
  const inTable = new Set(findTables([...lines]).flatMap(([start, end]) => Array.from({ length: end - start }, (_, k) => start + k)));
  return (i) => inTable.has(i) || isMarkdownStructure(lines[i] ?? '');
}

/** Markdown: a block printed again with the same kind and text (a caption, a pull quote) is kept once. */
function dropRepeatedBlocks(blocks: SourceBlock[], decisions: ReaderDecision[]): SourceBlock[] {
  const seen = new Map<string, number>();
  return blocks.filter((block) => {
    const key = `${block.kind === 'title' || block.kind === 'heading' ? 'heading' : block.kind}\u0000${block.text}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, block.line);
      return true;
    }
    decisions.push({ line: block.line, action: 'dropped', rule: 'repeated', reason: `printed again: kept where it first appears, line ${first}`, text: block.text });
    return false;
  });
}

function noText(hits: ReturnType<typeof dropBoilerplate>['hits'], file: string): TilmashError {
  const fired = [...hits.entries()]
    .map(([id, hit]) => `${id} (line ${hit.line}${hit.rest ? ' and everything after it' : ''})`)
    .join(', ');
  return new TilmashError(
    'badSource',
    `${file}: has no translatable text after boilerplate rules ${fired || '(none matched)'}. ` +
      (fired
        ? 'If the file does hold text, narrow or disable those rules with `boilerplate: { disable: [...] }` in pipeline.config.ts.'
        : 'Put the source text in the file, or remove it from `sources` in pipeline.config.ts.'),
    { file },
  );
}
