import { escapeRegExp } from '../text/escape-reg-exp.js';
import { WORD_END, WORD_START } from '../text/word-boundaries.js';
import type { SpanClaims } from './span-claims.js';
import { EMAIL_PATTERN, URL_PATTERN, urlIn } from './url-email-patterns.js';

/** Claims URLs, e-mail addresses and do-not-translate terms in every free span of `claims`. */
export function claimCommonSpans(claims: SpanClaims, doNotTranslate: readonly string[]): void {
  claims.scan(URL_PATTERN, (m) => {
    const url = urlIn(m[0]);
    if (url !== undefined) claims.claimPlaceholder(m, 'url', url.length);
  });
  claims.scan(EMAIL_PATTERN, (m) => {
    claims.claimPlaceholder(m, 'email');
  });
  const terms = termPattern(doNotTranslate);
  if (terms === undefined) return;
  claims.scan(terms, (m) => {
    claims.claimPlaceholder(m, 'term');
  });
}

/** A job passes the same do-not-translate list for every segment: its pattern is built once. */
const termPatterns = new WeakMap<readonly string[], RegExp | undefined>();

/** Exact, case-sensitive terms, longest first, never inside a longer word or number. */
function termPattern(doNotTranslate: readonly string[]): RegExp | undefined {
  if (termPatterns.has(doNotTranslate)) return termPatterns.get(doNotTranslate);
  const terms = [...new Set(doNotTranslate.filter((t) => t.trim() !== ''))].sort((a, b) => b.length - a.length);
  const pattern =
    terms.length === 0 ? undefined : new RegExp(`${WORD_START}(?:${terms.map(escapeRegExp).join('|')})${WORD_END}`, 'gu');
  termPatterns.set(doNotTranslate, pattern);
  return pattern;
}
