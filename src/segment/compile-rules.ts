import type { SegmentationRules } from './segmentation-rules.js';

/**
 * Regexes built once per rule set. Every `…End` pattern is anchored at `$` and is meant to be run
 * on the short, right-trimmed tail of a candidate sentence (see TAIL_LENGTH).
 */
export interface CompiledRules {
  /** Ends in an abbreviation that never ends a sentence. */
  readonly noBreakEnd: RegExp;
  /** Ends in an abbreviation that ends a sentence only before a sentence start. */
  readonly ambiguousEnd: RegExp;
  /** Ends in an initial: a lone capital letter and a dot. */
  readonly initialEnd: RegExp;
  /** The whole (trimmed) text is a heading or list number: `1.`, `1.2.`, `IV.`, `§ 3.`. */
  readonly headingMarker: RegExp;
}

/**
 * How many characters of a sentence's end the `…End` patterns look at. Every pattern match is far
 * shorter (the longest entries are ~20 characters), so the look-behind at the match start still
 * sees the preceding character.
 */
export const TAIL_LENGTH = 64;

// `\b` is ASCII-only in JS: this look-behind is the Unicode word start.
const WORD_START = '(?<![\\p{L}\\p{N}])';
// An Arabic or Roman number, optionally a range: 2025, 1990-х, XXI, 2020–2025, XIX—XX.
const NUMBER = '(?:\\p{N}+(?:-\\p{L}{1,3})?|[IVXLCDM]+)';
const NUMBER_RANGE = `${NUMBER}(?:\\s?[-–—]\\s?${NUMBER})?`;
const NEVER = '(?!)';

const cache = new WeakMap<SegmentationRules, CompiledRules>();

/** Compiles (or returns the cached compilation of) a rule set. */
export function compileRules(rules: SegmentationRules): CompiledRules {
  let compiled = cache.get(rules);
  if (compiled === undefined) {
    compiled = build(rules);
    cache.set(rules, compiled);
  }
  return compiled;
}

function build(rules: SegmentationRules): CompiledRules {
  const ambiguous = alternatives(rules.ambiguous);
  const afterNumber = alternatives(rules.ambiguousAfterNumber);
  const notInitial =
    rules.notInitials.length === 0 ? '' : `(?!(?:${rules.notInitials.map(escape).join('|')})\\.)`;
  const prefixes = rules.headingPrefixes.length === 0 ? NEVER : rules.headingPrefixes.map(escape).join('|');
  return {
    noBreakEnd: new RegExp(`${WORD_START}${alternatives(rules.noBreak)}$`, 'iu'),
    ambiguousEnd: new RegExp(
      `${WORD_START}${ambiguous}$|${WORD_START}${NUMBER_RANGE}\\s{1,2}${afterNumber}$`,
      'iu',
    ),
    initialEnd: new RegExp(`${WORD_START}${notInitial}\\p{Lu}\\.$`, 'u'),
    headingMarker: new RegExp(
      `^\\s*(?:(?:${prefixes})\\s{0,2})?(?:(?:\\p{N}+\\.)+|[IVXLCDM]+\\.)\\s*$`,
      'iu',
    ),
  };
}

function alternatives(entries: readonly string[]): string {
  return entries.length === 0 ? NEVER : `(?:${entries.map(entryPattern).join('|')})`;
}

/**
 * One list entry as a pattern: a dot implied at the end, the space after a dot (or between a dot
 * and a letter) optional, a space after a word required: `т. е.` → `т\.\s?е\.`.
 */
function entryPattern(entry: string): string {
  const normalized = entry.trim().replace(/\s+/g, ' ').replace(/\. /g, '.');
  const withDot = normalized.endsWith('.') ? normalized : `${normalized}.`;
  return escape(withDot)
    .replace(/ /g, '\\s{1,2}')
    .replace(/\\\.(?=\p{L})/gu, '\\.\\s?');
}

// Only syntax characters may be escaped in `u` mode (`\-` is a syntax error there).
function escape(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
