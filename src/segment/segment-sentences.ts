import { nextCandidate } from './candidates.js';
import { compileRules, lowerFirst, TAIL_LENGTH, type CompiledRule, type CompiledRules } from './compile-rules.js';
import { isLetter } from './chars.js';
import { russianRules } from './rules-ru.js';
import type { AbbreviationClass, SegmentationRules } from './segmentation-rules.js';

// Unicode sentence-break separators (UAX #29 `Sep`), CR LF counted as one: always a boundary.
const PARAGRAPH_SEPARATOR = /\r\n?|[\n\x85\u2028\u2029]/g;
const FULL_STOP = 0x2e;
/** How much of the sentence so far `sentence` patterns see. */
const SENTENCE_LENGTH = 300;

/**
 * Splits `text` into sentences. Every candidate boundary (see candidates.ts) is decided by the rule
 * set's ordered break / no-break rules (SRX style: the first rule whose left and right contexts
 * match decides; none matching means a boundary); a line break is always a boundary.
 *
 * Invariant: sentences are non-empty, trimmed, in order, and joining them gives `text` minus the
 * whitespace between (and around) them.
 */
export function segmentSentences(text: string, rules: SegmentationRules = russianRules): string[] {
  const compiled = compileRules(rules);
  const sentences: string[] = [];
  for (let lineStart = 0; lineStart < text.length; ) {
    const lineEnd = endOfLine(text, lineStart);
    const line = lineStart === 0 && lineEnd === text.length ? text : text.slice(lineStart, lineEnd);
    segmentLine(compiled, line, sentences);
    lineStart = lineEnd;
  }
  return sentences;
}

/** Index just past the next paragraph separator at or after `from`, or the text length. */
function endOfLine(text: string, from: number): number {
  PARAGRAPH_SEPARATOR.lastIndex = from;
  const match = PARAGRAPH_SEPARATOR.exec(text);
  return match === null ? text.length : match.index + match[0].length;
}

function segmentLine(rules: CompiledRules, line: string, sentences: string[]): void {
  let start = 0;
  for (let found = nextCandidate(line, 0); found !== null; found = nextCandidate(line, found.end)) {
    const { end } = found;
    if (end < line.length && isBoundary(rules, new Candidate(line, start, found.start, end))) {
      pushTrimmed(sentences, line.slice(start, end));
      start = end;
    }
  }
  pushTrimmed(sentences, line.slice(start));
}

/** One candidate boundary: the punctuation `line[punctuation, end)` ending the sentence begun at `start`. */
class Candidate {
  private tailText: string | undefined;
  private punctuationString: string | undefined;
  private abbreviationType: AbbreviationClass | null | undefined;

  constructor(
    readonly line: string,
    readonly start: number,
    readonly punctuation: number,
    readonly end: number,
  ) {}

  /** The candidate's punctuation itself: `.`, `?»`, `;)`, `😍`. */
  punctuationText(): string {
    this.punctuationString ??= this.line.slice(this.punctuation, this.end);
    return this.punctuationString;
  }

  /** The sentence so far, at most its last SENTENCE_LENGTH characters (linear time on any input). */
  sentence(): string {
    return this.line.slice(Math.max(this.start, this.end - SENTENCE_LENGTH), this.end);
  }

  /** The text before the boundary that `before` patterns see. */
  tail(): string {
    this.tailText ??= this.line.slice(Math.max(0, this.end - TAIL_LENGTH), this.end);
    return this.tailText;
  }

  /** The class of the abbreviation ending at the candidate's full stop, if it is one. */
  abbreviation(rules: CompiledRules): AbbreviationClass | null {
    this.abbreviationType ??= classifyAbbreviation(rules, this);
    return this.abbreviationType;
  }
}

function isBoundary(rules: CompiledRules, candidate: Candidate): boolean {
  for (const rule of rulesFor(rules, candidate.punctuationText())) {
    if (matches(rules, rule, candidate)) return rule.break;
  }
  return true;
}

// Odd punctuation strings are not kept, so the memo stays small.
const MAX_KEPT = 512;

function rulesFor(rules: CompiledRules, punctuation: string): readonly CompiledRule[] {
  let list = rules.byPunctuation.get(punctuation);
  if (list === undefined) {
    list = rules.rules.filter((rule) => rule.punctuation === null || rule.punctuation.test(punctuation));
    if (rules.byPunctuation.size < MAX_KEPT) rules.byPunctuation.set(punctuation, list);
  }
  return list;
}

function matches(rules: CompiledRules, rule: CompiledRule, candidate: Candidate): boolean {
  if (rule.after !== null) {
    rule.after.lastIndex = candidate.end;
    if (!rule.after.test(candidate.line)) return false;
  }
  if (rule.heading && !isHeading(rules, candidate)) return false;
  if (rule.sentence !== null && !rule.sentence.test(candidate.sentence())) return false;
  if (rule.abbreviation !== null && candidate.abbreviation(rules) !== rule.abbreviation) return false;
  return rule.before === null || rule.before.test(candidate.tail());
}

function isHeading(rules: CompiledRules, { line, start, end }: Candidate): boolean {
  return end - start <= TAIL_LENGTH && rules.headingMarker.test(line.slice(start, end));
}

/** Abbreviations end in a lone full stop; the longest entry that matches gives the class. */
function classifyAbbreviation(rules: CompiledRules, candidate: Candidate): AbbreviationClass | null {
  const { line, punctuation, end } = candidate;
  if (end - punctuation !== 1 || line.charCodeAt(punctuation) !== FULL_STOP) return null;
  let from = punctuation;
  while (from > 0 && punctuation - from <= rules.longestLastWord && isLetter(line.charCodeAt(from - 1))) from--;
  const group = rules.byLastWord.get(lowerFirst(line.slice(from, punctuation)));
  if (group === undefined) return null;
  const tail = candidate.tail();
  for (const { pattern, type } of group.patterns()) if (pattern.test(tail)) return type;
  return null;
}

function pushTrimmed(sentences: string[], raw: string): void {
  const sentence = raw.trim();
  if (sentence.length > 0) sentences.push(sentence);
}
