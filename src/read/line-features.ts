import { letterCounts, trimmedEnd, wordCount } from './char-scan.js';

/**
 * Explainable features of one line or block of scraped text, in the spirit of jusText's paragraph
 * classification (length, stop-word density) and Readability's scoring: the page classifier
 * (`classify-page.ts`) decides from these, and `--explain` names them.
 */

/** Russian function words (prepositions, conjunctions, particles, pronouns): jusText's stop-word idea. */
export const FUNCTION_WORD_SET: ReadonlySet<string> = new Set(
  (
    'и в во не на с со что по к ко а из у за о об от до для это как так же но или ли бы то его ее её их он она оно они мы вы я ' +
    'при под над без про через после перед между все всё был была были быть будет уже еще ещё только также тоже когда где ' +
    'который которая которые которого которой чтобы если чем даже этот эта эти этого этой том тем там тут вот ни нет да'
  ).split(' '),
);

/** Tokens with at least one letter. */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/u).filter((t) => /\p{L}/u.test(t));
}

/** Share of words that are Russian function words (0 when there are no words). */
export function functionWordShare(text: string): number {
  const words = wordsOf(text);
  if (words.length === 0) return 0;
  const hits = words.filter((w) => FUNCTION_WORD_SET.has(w.toLowerCase().replace(/[^\p{L}]/gu, ''))).length;
  return hits / words.length;
}

const CLOSERS = '»"”’\')]';

/**
 * Ends with `.`, `!`, `?` or `…`, possibly followed by closing quotes or brackets (trailing
 * whitespace ignored): `/[.!?…][»"”’')\]]*$/u` on the trimmed text, read from the end.
 */
export function endsSentence(text: string): boolean {
  let end = trimmedEnd(text);
  while (end > 0 && CLOSERS.includes(text.charAt(end - 1))) end--;
  return end > 0 && '.!?…'.includes(text.charAt(end - 1));
}

/** Share of letters that are upper case (0 with fewer than 4 letters). */
export function upperShare(text: string): number {
  const { letters, upper } = letterCounts(text);
  return letters < 4 ? 0 : upper / letters;
}

export function letterCount(text: string): number {
  return letterCounts(text).letters;
}

/**
 * Shaped like a headline: one line of 1–30 words, at most 250 characters, starting with a capital,
 * a digit or a quote, not ending in `.`, `,`, `:` or `;`, and not shouted in capitals (site slogans).
 */
export function isHeadlineShape(text: string): boolean {
  const last = text.charAt(text.length - 1);
  if (text.length > 250 || (last !== '' && '.,:;'.includes(last))) return false;
  const words = wordCount(text, 31);
  if (words < 1 || words > 30) return false;
  if (!/^[\p{Lu}\d«"„“'(]/u.test(text)) return false;
  return upperShare(text) < 0.6;
}

/**
 * Shaped like article text: at least six words that end a sentence or run past 100 characters
 * (a paragraph cut by the scraper), a line of direct speech (`— …`), or a whole note in brackets.
 */
export function isContentShape(text: string): boolean {
  const words = wordCount(text, 6);
  if (/^[—–-]\s*\p{L}/u.test(text) && words >= 2) return true;
  if (/^\(.*\)$/u.test(text) && words >= 5) return true;
  if (upperShare(text) >= 0.6) return false;
  return words >= 6 && (endsSentence(text) || text.length >= 100);
}

/**
 * Text a reader would miss if it were dropped, though not shaped as a paragraph: six words or more
 * with a sentence end inside, or a long line with a comma or colon inside (a paragraph the scraper
 * cut short): twelve words or more, or ten when `lenient` (what follows the last paragraph, where
 * losing a sentence costs more than keeping another article's link).
 */
export function isTextLike(text: string, lenient = false): boolean {
  if (isContentShape(text)) return true;
  const words = wordCount(text, 12);
  return (words >= 6 && /[.!?…]\s+\p{Lu}/u.test(text)) || (words >= (lenient ? 10 : 12) && /[,:;]\s/u.test(text));
}

/** A short summary of the features, for `--explain`. */
export function describeFeatures(text: string): string {
  const words = wordCount(text);
  return `${words} words, ${text.length} chars, function words ${Math.round(functionWordShare(text) * 100)} %${endsSentence(text) ? ', ends a sentence' : ''}`;
}
