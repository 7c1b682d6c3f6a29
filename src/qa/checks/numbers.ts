import { isPseudoLocale } from '../../engine/pseudo-engine.js';
import { findNumbers, type NumberMention } from '../extract-numbers.js';
import { maskUrlsAndEmails } from '../find-urls-emails.js';
import type { CheckInput, QaCheck } from '../qa-types.js';
import { visibleText } from '../visible-text.js';

/** Values closer than this (relative) are equal: only floating-point noise, not rounding. */
const TOLERANCE = 1e-9;

/**
 * Every number of the source is in the target with the same value, magnitudes compared
 * (`26 млрд` = `260亿` = `26 billion`), as multisets. Numbers inside placeholders, tags and URLs
 * are not counted; extra numbers in the target are not reported, and a number the target writes
 * in words is reported missing. Pseudo-locales are skipped (they transliterate `млрд`).
 */
export const numbersCheck: QaCheck = {
  id: 'numbers',
  defaultSeverity: 'error',
  description: 'every number of the source is in the target with the same value (26 млрд = 260亿 = 26 billion)',
  run(input) {
    if (isPseudoLocale(input.locale)) return [];
    const unmatched = numbersOf(input, 'target');
    const messages: string[] = [];
    for (const mention of numbersOf(input, 'source')) {
      const at = unmatched.findIndex((candidate) => sameValue(candidate.value, mention.value));
      if (at >= 0) unmatched.splice(at, 1);
      else messages.push(`${describe(mention)} is not in the target`);
    }
    return messages;
  },
};

function numbersOf(input: CheckInput, side: 'source' | 'target'): NumberMention[] {
  const visible = maskUrlsAndEmails(visibleText(input[side], input.syntax, ' '), ' ');
  return findNumbers(visible, side === 'source' ? input.sourceLocale : input.locale);
}

const sameValue = (a: number, b: number): boolean => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

function describe(mention: NumberMention): string {
  // 15 significant digits: what a double holds honestly (no `0.30000000000000004`).
  const value = mention.value.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
  return mention.text === value ? value : `${mention.text} (${value})`;
}
