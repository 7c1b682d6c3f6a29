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

// Intl breaks at every line break; a merge never crosses one (headings, list items stay units).
const LINE_BREAK = /[\n\r\v\f\x85\u2028\u2029]/;
// A new sentence starts with a capital, maybe after opening quotes, brackets or a dialogue dash.
const SENTENCE_START = /\s*[\p{Ps}\p{Pi}"'«„“‚‘—–-]*\s*\p{Lu}/uy;

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
  const sentences: string[] = [];
  let start = -1; // start of the sentence being built, -1 before the first piece
  let end = 0;
  for (const { index, segment } of segmenterFor(rules.locale).segment(text)) {
    if (start >= 0 && !continuesInto(compiled, text, start, end, index)) {
      pushTrimmed(sentences, text.slice(start, end));
      start = -1;
    }
    if (start < 0) start = index;
    end = index + segment.length;
  }
  if (start >= 0) pushTrimmed(sentences, text.slice(start, end));
  return sentences;
}

/** Whether the sentence `text[start, end)` runs on into the piece starting at `next` (=== end). */
function continuesInto(rules: CompiledRules, text: string, start: number, end: number, next: number): boolean {
  const tail = text.slice(Math.max(start, end - TAIL_LENGTH), end);
  const body = tail.trimEnd();
  // Every rule ends in a dot: cheap exit for `?`, `!`, `…` and whitespace-only pieces.
  if (!body.endsWith('.') || LINE_BREAK.test(tail.slice(body.length))) return false;
  if (end - start <= TAIL_LENGTH && rules.headingMarker.test(body)) return true;
  if (rules.ambiguousEnd.test(body)) return !looksLikeSentenceStart(text, next);
  return rules.noBreakEnd.test(body) || rules.initialEnd.test(body);
}

function looksLikeSentenceStart(text: string, index: number): boolean {
  SENTENCE_START.lastIndex = index;
  return SENTENCE_START.test(text);
}

function pushTrimmed(sentences: string[], raw: string): void {
  const sentence = raw.trim();
  if (sentence.length > 0) sentences.push(sentence);
}
