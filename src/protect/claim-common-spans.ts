import type { SpanClaims } from './span-claims.js';
import { EMAIL_PATTERN, trimUrl, URL_PATTERN } from './url-email-patterns.js';

/** Claims URLs, e-mail addresses and do-not-translate terms in every free span of `claims`. */
export function claimCommonSpans(claims: SpanClaims, doNotTranslate: readonly string[]): void {
  claims.scan(URL_PATTERN, (m) => {
    const url = trimUrl(m[0]);
    if (/^(?:https?:\/\/|www\.)$/i.test(url)) return;
    claims.claimPlaceholder(m, 'url', url.length);
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

/** Exact, case-sensitive terms, longest first, never inside a longer word or number. */
function termPattern(doNotTranslate: readonly string[]): RegExp | undefined {
  const terms = [...new Set(doNotTranslate.filter((t) => t.trim() !== ''))].sort((a, b) => b.length - a.length);
  if (terms.length === 0) return undefined;
  const alternatives = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'gu');
}
