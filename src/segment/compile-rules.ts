import { escapeRegExp } from '../text/escape-reg-exp.js';
import type { SegmentationRules } from './segmentation-rules.js';

/** The end patterns of the list entries that share one last word (`д` → `д.`, `и т. д.`). */
export interface EndPatterns {
  /** Ends in an abbreviation that never ends a sentence; null when no such entry. */
  readonly noBreak: RegExp | null;
  /** Ends in an abbreviation that ends a sentence only before a sentence start; null when none. */
  readonly ambiguous: RegExp | null;
}

/**
 * Regexes built once per rule set. The end patterns (`byLastWord`'s and `initialEnd`) are
 * anchored at `$` and are meant to be run on the short, right-trimmed tail of a candidate
 * sentence (see TAIL_LENGTH).
 */
export interface CompiledRules {
  /**
   * Patterns by the lower-cased last word (letters before the final dot) of the entries, so that a
   * sentence ending in an ordinary word costs one Set lookup and only few entries are ever tried.
   */
  readonly byLastWord: ReadonlyMap<string, EndPatterns>;
  /** Length of the longest key of `byLastWord`. */
  readonly longestLastWord: number;
  /** Ends in an initial: a lone capital letter and a dot. */
  readonly initialEnd: RegExp;
  /** The whole (trimmed) text is a heading or list number: `1.`, `1.2.`, `IV.`, `§ 3.`. */
  readonly headingMarker: RegExp;
}

/**
 * How many characters of a sentence's end the end patterns look at. Every match is shorter
 * (the longest entries are ~15 characters), so the look-behind at the match start still sees the
 * preceding character. Regex cost grows with this length: keep it small.
 */
export const TAIL_LENGTH = 32;

// `\b` is ASCII-only in JS: this look-behind is the Unicode word start.
const WORD_START = '(?<![\\p{L}\\p{N}])';
// An Arabic or Roman number, optionally a range: 2025, 1990-х, XXI, 2020–2025, XIX—XX.
const NUMBER = '(?:\\p{N}+(?:-\\p{L}{1,3})?|[IVXLCDM]+)';
const NUMBER_RANGE = `${NUMBER}(?:\\s?[-–—]\\s?${NUMBER})?`;
const LAST_WORD = /(?<!\p{L})\p{L}+(?=\.$)/u;

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

/** The letters before the final dot of `text`, lower-cased: `т. е.` → `е`, `г-жа` → `жа`. */
export function lastWordOf(text: string): string {
  return LAST_WORD.exec(text.endsWith('.') ? text : `${text}.`)?.[0].toLowerCase() ?? '';
}

function build(rules: SegmentationRules): CompiledRules {
  const noBreak = groupByLastWord(rules.noBreak);
  const ambiguous = groupByLastWord(rules.ambiguous);
  const afterNumber = groupByLastWord(rules.ambiguousAfterNumber);
  const byLastWord = new Map<string, EndPatterns>();
  for (const word of new Set([...noBreak.keys(), ...ambiguous.keys(), ...afterNumber.keys()])) {
    const ambiguousSources = [
      ...(ambiguous.has(word) ? [`${WORD_START}${alternatives(ambiguous.get(word))}$`] : []),
      ...(afterNumber.has(word)
        ? [`${WORD_START}${NUMBER_RANGE}\\s{1,2}${alternatives(afterNumber.get(word))}$`]
        : []),
    ];
    byLastWord.set(word, {
      noBreak: noBreak.has(word) ? new RegExp(`${WORD_START}${alternatives(noBreak.get(word))}$`, 'iu') : null,
      ambiguous: ambiguousSources.length > 0 ? new RegExp(ambiguousSources.join('|'), 'iu') : null,
    });
  }
  const notInitial =
    rules.notInitials.length === 0 ? '' : `(?!(?:${rules.notInitials.map(escapeRegExp).join('|')})\\.)`;
  const prefixes = rules.headingPrefixes.length === 0 ? '(?!)' : rules.headingPrefixes.map(escapeRegExp).join('|');
  return {
    byLastWord,
    longestLastWord: Math.max(0, ...[...byLastWord.keys()].map((word) => word.length)),
    initialEnd: new RegExp(`${WORD_START}${notInitial}\\p{Lu}\\.$`, 'u'),
    headingMarker: new RegExp(
      `^\\s*(?:(?:${prefixes})\\s{0,2})?(?:(?:\\p{N}+\\.)+|[IVXLCDM]+\\.)\\s*$`,
      'iu',
    ),
  };
}

function groupByLastWord(entries: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const entry of entries) {
    const word = lastWordOf(entry);
    groups.set(word, [...(groups.get(word) ?? []), entry]);
  }
  return groups;
}

function alternatives(entries: readonly string[] = []): string {
  return `(?:${entries.map(entryPattern).join('|')})`;
}

/**
 * One list entry as a pattern: a dot implied at the end, the space after a dot (or between a dot
 * and a letter) optional, a space after a word required: `т. е.` → `т\.\s?е\.`.
 */
function entryPattern(entry: string): string {
  const normalized = entry.trim().replace(/\s+/g, ' ').replace(/\. /g, '.');
  const withDot = normalized.endsWith('.') ? normalized : `${normalized}.`;
  return escapeRegExp(withDot)
    .replace(/ /g, '\\s{1,2}')
    .replace(/\\\.(?=\p{L})/gu, '\\.\\s?');
}
