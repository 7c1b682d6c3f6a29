import { TilmashError } from '../errors.js';
import { dropBoilerplate, type SourceLines } from './boilerplate.js';
import { markdownVariant, maskMarkdownNonText, readMarkdown } from './read-markdown.js';
import { readPlainText } from './read-plain-text.js';
import type { SourceBlock } from './source-block.js';

export interface BoilerplateRule {
  /** Named in messages, e.g. `nav-breadcrumbs`. */
  id: string;
  /** Tested against each trimmed source line (for Markdown also against the line without markup). */
  pattern: RegExp;
  /** 'line' drops matching lines; 'rest' drops the matching line and everything after it */
  scope?: 'line' | 'rest';
}

export interface ReaderOptions {
  /** Lines a publication would not translate: dropped before blocks are formed. */
  boilerplate: readonly BoilerplateRule[];
  /** A block (plain text: a line) matching one of these is a `caption`. */
  captionPatterns: readonly RegExp[];
}

export type SourceFormat = 'txt' | 'md';

/**
 * Reads a decoded source document (see `decodeText`) into translatable blocks, in source order.
 *
 * Both formats: boilerplate lines are dropped first (a dropped line ends the block before it);
 * a caption repeated later in the document with identical text (scraped pages print the image's
 * alt text and its figcaption) is kept only where it first appears.
 * Format details: `readPlainText` (read-plain-text.ts) and `readMarkdown` (read-markdown.ts).
 *
 * @throws TilmashError `badSource` when no block is left.
 */
export function readDocument(text: string, format: SourceFormat, options: ReaderOptions, file: string): SourceBlock[] {
  const lines: SourceLines = text.split(/\r\n?|\n/);
  if (format === 'md') maskMarkdownNonText(lines);
  const hits = dropBoilerplate(lines, options.boilerplate, format === 'md' ? markdownVariant : undefined);
  const blocks = format === 'md' ? readMarkdown(lines, options) : readPlainText(lines, options);
  const result = collapseRepeatedCaptions(blocks);
  if (result.length === 0) {
    const fired = [...hits.entries()]
      .map(([id, hit]) => `${id} (line ${hit.line}${hit.rest ? ' and everything after it' : ''})`)
      .join(', ');
    throw new TilmashError(
      'badSource',
      `${file}: has no translatable text after boilerplate rules ${fired || '(none matched)'}. ` +
        (fired
          ? 'If the file does hold text, narrow those rules in `boilerplate` in pipeline.config.ts.'
          : 'Put the source text in the file, or remove it from `sources` in pipeline.config.ts.'),
      { file },
    );
  }
  return result;
}

function collapseRepeatedCaptions(blocks: SourceBlock[]): SourceBlock[] {
  const seen = new Set<string>();
  return blocks.filter((block) => {
    if (block.kind !== 'caption') return true;
    if (seen.has(block.text)) return false;
    seen.add(block.text);
    return true;
  });
}
