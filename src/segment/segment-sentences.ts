import { isLetter, isLineBreak, isWhitespace } from './chars.js';
import { compileRules, TAIL_LENGTH, type CompiledRules } from './compile-rules.js';
import { russianRules } from './rules-ru.js';
import type { SegmentationRules } from './segmentation-rules.js';

// Intl.Segmenter is costly to build: one per locale, reused.
const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

// A new sentence starts with a capital, maybe after opening quotes, brackets or a dialogue dash.
const SENTENCE_START = /\s*[\p{Ps}\p{Pi}"'«„“‚‘—–-]*\s*\p{Lu}/uy;
const FULL_STOP = 0x2e;

/**
 * Splits `text` into sentences: `Intl.Segmenter` output, then one linear pass that merges a piece
 * into the next when the piece ends in a no-break abbreviation, an initial or a heading number, or
 * in an ambiguous abbreviation not followed by a sentence start.
 *
 * Invariant: sentences are non-empty, trimmed, in order, and joining them gives `text` minus the
 * whitespace between (and around) them.
 */
export function segmentSentences(text: string, rules: SegmentationRules = russianRules): string[] {
  const compiled = compileRules(rules);
  const segmenter = segmenterFor(rules.locale);
  const sentences: string[] = [];
  let start = -1; // start of the sentence being built, -1 before the first piece
  let end = 0;
  // Intl always breaks after a paragraph separator, so segmenting line by line gives the same
  // pieces, and it keeps Intl fast: it slows down superlinearly on long strings (~50k chars).
  for (let lineStart = 0; lineStart < text.length; ) {
    const lineEnd = endOfLine(text, lineStart);
    const line = lineStart === 0 && lineEnd === text.length ? text : text.slice(lineStart, lineEnd);
    for (const { index, segment } of segmenter.segment(line)) {
      const pieceStart = lineStart + index;
      if (start >= 0 && !continuesInto(compiled, text, start, end)) {
        pushTrimmed(sentences, text.slice(start, end));
        start = -1;
      }
      if (start < 0) start = pieceStart;
      end = pieceStart + segment.length;
    }
    lineStart = lineEnd;
  }
  if (start >= 0) pushTrimmed(sentences, text.slice(start, end));
  return sentences;
}

// Unicode sentence-break separators (UAX #29 `Sep`), CR LF counted as one.
const PARAGRAPH_SEPARATOR = /\r\n?|[\n\x85\u2028\u2029]/g;

/** Index just past the next paragraph separator at or after `from`, or the text length. */
function endOfLine(text: string, from: number): number {
  PARAGRAPH_SEPARATOR.lastIndex = from;
  const match = PARAGRAPH_SEPARATOR.exec(text);
  return match === null ? text.length : match.index + match[0].length;
}

/** Whether the sentence `text[start, end)` runs on into the piece that starts at `end`. */
function continuesInto(rules: CompiledRules, text: string, start: number, end: number): boolean {
  // Intl breaks at every line break; a merge never crosses one (headings, list items stay units).
  let bodyEnd = end;
  while (bodyEnd > start && isWhitespace(text.charCodeAt(bodyEnd - 1))) {
    if (isLineBreak(text.charCodeAt(bodyEnd - 1))) return false;
    bodyEnd--;
  }
  // Every rule ends in a full stop: cheap exit for `?`, `!`, `…` and whitespace-only pieces.
  if (bodyEnd === start || text.charCodeAt(bodyEnd - 1) !== FULL_STOP) return false;

  const body = text.slice(Math.max(start, bodyEnd - TAIL_LENGTH), bodyEnd);
  if (bodyEnd - start <= TAIL_LENGTH && rules.headingMarker.test(body)) return true;

  const lastWord = lastWordBefore(text, bodyEnd - 1, start, rules.longestLastWord + 1);
  const patterns = rules.byLastWord.get(lastWord.toLowerCase());
  if (patterns !== undefined) {
    if (patterns.ambiguous?.test(body)) return !looksLikeSentenceStart(text, end);
    if (patterns.noBreak?.test(body)) return true;
  }
  return lastWord.length === 1 && rules.initialEnd.test(body);
}

/**
 * The run of letters ending just before `dot`; at most `limit` letters are read, so a longer word
 * comes back cut and is simply not found among the listed words.
 */
function lastWordBefore(text: string, dot: number, start: number, limit: number): string {
  let from = dot;
  while (from > start && dot - from < limit && isLetter(text.charCodeAt(from - 1))) from--;
  return text.slice(from, dot);
}

function looksLikeSentenceStart(text: string, index: number): boolean {
  SENTENCE_START.lastIndex = index;
  return SENTENCE_START.test(text);
}

function pushTrimmed(sentences: string[], raw: string): void {
  const sentence = raw.trim();
  if (sentence.length > 0) sentences.push(sentence);
}
