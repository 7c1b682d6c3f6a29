import { escapeRegExp } from '../text/escape-reg-exp.js';
import type { AbbreviationClass, BreakRule, SegmentationRules } from './segmentation-rules.js';

/** One rule with its patterns compiled. */
export interface CompiledRule {
  readonly name: string;
  readonly break: boolean;
  /** Anchored at both ends; run on the candidate's punctuation. */
  readonly punctuation: RegExp | null;
  /** End-anchored; run on the tail of the text before the candidate. */
  readonly before: RegExp | null;
  /** Sticky; run at the candidate. */
  readonly after: RegExp | null;
  /** Run on the sentence so far (its last 300 characters at most). */
  readonly sentence: RegExp | null;
  readonly abbreviation: AbbreviationClass | null;
  readonly heading: boolean;
}

interface AbbreviationPattern {
  readonly pattern: RegExp;
  readonly type: AbbreviationClass;
}

/** The entries of one last word, longest first; compiled on first use (few words are ever met). */
export class AbbreviationGroup {
  private compiled: readonly AbbreviationPattern[] | undefined;

  constructor(private readonly sources: readonly { readonly source: string; readonly type: AbbreviationClass }[]) {}

  patterns(): readonly AbbreviationPattern[] {
    this.compiled ??= this.sources.map(({ source, type }) => ({ pattern: new RegExp(source, 'u'), type }));
    return this.compiled;
  }
}

/** Regexes built once per rule set. */
export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  /**
   * Abbreviation patterns by the last word (letters before the final dot, first letter lower-cased)
   * of the entries, longest entry first, so that a sentence ending in an ordinary word costs one
   * Map lookup. Each pattern is anchored at `$` and runs on the short tail before the candidate.
   */
  readonly byLastWord: ReadonlyMap<string, AbbreviationGroup>;
  /** Length of the longest key of `byLastWord`. */
  readonly longestLastWord: number;
  /** The whole (trimmed) sentence so far is a heading or list number: `1.`, `1.2.`, `IV.`, `§ 3.`. */
  readonly headingMarker: RegExp;
  /**
   * The rules whose `punctuation` condition a punctuation string meets, filled as strings are met
   * (the same few come back all the time: `.`, `?`, `!»`); see `rulesFor` in segment-sentences.ts.
   */
  readonly byPunctuation: Map<string, readonly CompiledRule[]>;
}

/**
 * How many characters before a candidate the `before` and abbreviation patterns see. Every
 * pattern is shorter (the longest entries are ~15 characters), so a look-behind at the match start
 * still sees the preceding character. Regex cost grows with this length: keep it small. It is also
 * the longest heading marker (`Приложение 12.3.`).
 */
export const TAIL_LENGTH = 24;

/**
 * Names that rule patterns may use as `{NAME}` (not after `\p`); they are replaced before compiling.
 * - `WORD_START`: the Unicode word start (`\b` is ASCII-only in JS);
 * - `NUMBER`: an Arabic or Roman number, with a case ending or a range: `2025`, `1990-х`, `XIX—XX`;
 * - `OPEN`: opening quotes and brackets (also TeX-style ``); `DASH`: the dashes a dialogue turn
 *   may start with (also `--`);
 * - `EMOJI`: one emoji with its modifiers (not `©`, `®`, `™`);
 * - `NOT_INITIAL`: a look-ahead that refuses the rule set's `notInitials` (`I.` in `Пётр I.`).
 */
const WORD_START = '(?<![\\p{L}\\p{N}])';
const NUMBER_ONE = '(?:\\p{N}+(?:-\\p{L}{1,3})?|[IVXLCDM]+)';
const NUMBER = `${NUMBER_ONE}(?:\\s?[-–—]\\s?${NUMBER_ONE})?`;
const OPEN = '(?:``|[\\p{Ps}\\p{Pi}"\'«„“‚‘])';
const DASH = '(?:--|[—–‑−-])';
/** One emoji with its skin-tone modifiers, variation selectors and joiners; not `©`, `®`, `™`. */
export const EMOJI = '(?:(?![©®™])\\p{Extended_Pictographic}[\\u{1F3FB}-\\u{1F3FF}\\uFE0F\\u200D]*)';
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

/** The letters before the final dot of `text`, the first lower-cased: `т. е.` → `е`, `Дж.` → `дж`. */
export function lastWordOf(text: string): string {
  return lowerFirst(LAST_WORD.exec(text.endsWith('.') ? text : `${text}.`)?.[0] ?? '');
}

/** `word` with its first letter lower-cased (the only letter whose case may differ from an entry). */
export function lowerFirst(word: string): string {
  const code = word.charCodeAt(0);
  // Latin and Cyrillic without toLowerCase (slow on non-ASCII strings).
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x430 && code <= 0x45f) || code < 0x41) return word;
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x410 && code <= 0x42f)) return String.fromCharCode(code + 0x20) + word.slice(1);
  if (code >= 0x400 && code <= 0x40f) return String.fromCharCode(code + 0x50) + word.slice(1);
  const first = word.charAt(0);
  const lower = first.toLowerCase();
  return lower === first ? word : lower + word.slice(1);
}

function build(rules: SegmentationRules): CompiledRules {
  const names: Record<string, string> = {
    WORD_START,
    NUMBER,
    OPEN,
    DASH,
    EMOJI,
    NOT_INITIAL:
      rules.notInitials.length === 0 ? '' : `(?!(?:${rules.notInitials.map(escapeRegExp).join('|')})\\.)`,
  };
  const prefixes = rules.headingPrefixes.length === 0 ? '(?!)' : rules.headingPrefixes.map(escapeRegExp).join('|');
  const byLastWord = abbreviationPatterns(rules);
  return {
    rules: rules.rules.map((rule) => compileRule(rule, names)),
    byLastWord,
    longestLastWord: Math.max(0, ...[...byLastWord.keys()].map((word) => word.length)),
    byPunctuation: new Map(),
    headingMarker: new RegExp(`^\\s*(?:(?:${prefixes})\\s{0,2})?(?:(?:\\p{N}+\\.)+|[IVXLCDM]+\\.)\\s*$`, 'iu'),
  };
}

function compileRule(rule: BreakRule, names: Readonly<Record<string, string>>): CompiledRule {
  const expand = (source: string): string =>
    source.replace(/(?<!\\[pP])\{([A-Z_]+)\}/g, (whole, name: string) => {
      const value = names[name];
      if (value === undefined) throw new Error(`segmentation rule ${rule.name}: unknown name ${whole}`);
      return value;
    });
  const flags = rule.ignoreCase === true ? 'iu' : 'u';
  return {
    name: rule.name,
    break: rule.break,
    punctuation: rule.punctuation === undefined ? null : new RegExp(`^(?:${expand(rule.punctuation)})$`, 'u'),
    before: rule.before === undefined ? null : new RegExp(`(?:${expand(rule.before)})$`, flags),
    after: rule.after === undefined ? null : new RegExp(expand(rule.after), `${flags}y`),
    sentence: rule.sentence === undefined ? null : new RegExp(expand(rule.sentence), flags),
    abbreviation: rule.abbreviation ?? null,
    heading: rule.heading === true,
  };
}

/** Every abbreviation entry as an end-anchored pattern source, grouped by last word, longest first. */
function abbreviationPatterns(rules: SegmentationRules): Map<string, AbbreviationGroup> {
  const entries: { word: string; source: string; length: number; type: AbbreviationClass }[] = [];
  const add = (list: readonly string[], type: AbbreviationClass, prefix = ''): void => {
    for (const entry of list) {
      const source = `${WORD_START}${prefix}${entryPattern(entry)}$`;
      // An entry after a number is tried before the plain entries of its word.
      entries.push({ word: lastWordOf(entry), source, length: entry.length + (prefix === '' ? 0 : 100), type });
    }
  };
  add(rules.ambiguousAfterNumber, 'ambiguous', `${NUMBER}\\s{0,2}`);
  add(rules.noBreak, 'noBreak');
  add(rules.ambiguous, 'ambiguous');
  add(rules.takesNumber, 'takesNumber');
  entries.sort((a, b) => b.length - a.length);
  const groups = new Map<string, { source: string; type: AbbreviationClass }[]>();
  for (const { word, source, type } of entries) groups.set(word, [...(groups.get(word) ?? []), { source, type }]);
  return new Map([...groups].map(([word, sources]) => [word, new AbbreviationGroup(sources)]));
}

/**
 * One list entry as a pattern: a dot implied at the end, the space after a dot (or between a dot
 * and a letter) optional, a space after a word required: `т. е.` → `[тТ]\.\s?е\.`. Only the first
 * letter may change case (`См.` at a sentence start): `Н. Э.` is a pair of initials, not `н. э.`.
 */
function entryPattern(entry: string): string {
  const normalized = entry.trim().replace(/\s+/g, ' ').replace(/\. /g, '.');
  const withDot = normalized.endsWith('.') ? normalized : `${normalized}.`;
  const pattern = escapeRegExp(withDot)
    .replace(/ /g, '\\s{1,2}')
    .replace(/\\\.(?=\p{L})/gu, '\\.\\s?');
  const first = pattern.charAt(0);
  const other = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase();
  return other === first ? pattern : `[${first}${other}]${pattern.slice(1)}`;
}
