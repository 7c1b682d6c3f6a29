import { claimCommonSpans } from './claim-common-spans.js';
import { claimHtmlTags } from './claim-html-tags.js';
import type { RawToken } from './raw-token.js';
import { SpanClaims } from './span-claims.js';

/** A link destination: no spaces, balanced parentheses one level deep, an optional title. */
const DESTINATION = String.raw`\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)`;
const CODE = /(?<!`)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g;
const AUTOLINK = /<(?:(?:https?|ftp):\/\/[^\s<>]*|mailto:[^\s<>]+)>/gi;
const EMAIL_AUTOLINK = /<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>/g;
const IMAGE = new RegExp(String.raw`!\[[^\[\]]*\]` + DESTINATION, 'g');
const LINK = new RegExp(String.raw`\[[^\[\]]*\](` + DESTINATION + String.raw`|\[[^\[\]]*\])`, 'g');
/** Strong before emphasis, so `**` is never read as two `*`. Underscores only outside words. */
const DELIMITED: ReadonlyArray<readonly [RegExp, number]> = [
  [/\*\*(?=[^\s*])[\s\S]*?[^\s*]\*\*/g, 2],
  [/(?<![\p{L}\p{N}_])__(?=[^\s_])[\s\S]*?[^\s_]__(?![\p{L}\p{N}_])/gu, 2],
  [/~~(?=[^\s~])[\s\S]*?[^\s~]~~/g, 2],
  [/\*(?=[^\s*])[^*]*?[^\s*]\*|\*[^\s*]\*/g, 1],
  [/(?<![\p{L}\p{N}_])_(?=[^\s_])[^_]*?[^\s_]_(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}_])_[^\s_]_(?![\p{L}\p{N}_])/gu, 1],
];

/**
 * Inline Markdown: code spans, autolinks, images and HTML comments are placeholders; links become
 * `[` … `](url "title")` pairs, inline HTML tags pairs by name; then URLs, e-mails and terms in the
 * remaining prose; emphasis and strike delimiters last (they may enclose any of the above).
 * Backslash escapes are shielded: `\*` is text.
 */
export function tokenizeMarkdown(text: string, doNotTranslate: readonly string[]): RawToken[] {
  const claims = new SpanClaims(text, /\\[!-/:-@[-`{-~]/g);
  claims.scan(CODE, (m) => claims.claimPlaceholder(m, 'code'));
  claims.scan(AUTOLINK, (m) => claims.claimPlaceholder(m, 'url'));
  claims.scan(EMAIL_AUTOLINK, (m) => claims.claimPlaceholder(m, 'email'));
  claims.scanBetween('<!--', '-->', (start, end) => claims.claim(start, end, { type: 'placeholder', raw: text.slice(start, end), kind: 'tag' }));
  claims.scan(IMAGE, (m) => claims.claimPlaceholder(m, 'tag'));
  let next = 0;
  claims.scan(LINK, (m) => {
    const closeLength = (m[1] ?? '').length + 1;
    claimPair(claims, m.index, 1, m.index + m[0].length - closeLength, closeLength, `link:${(next += 1)}`);
  });
  claimHtmlTags(claims, '[A-Za-z][A-Za-z0-9-]*');
  claimCommonSpans(claims, doNotTranslate);
  for (const [pattern, width] of DELIMITED) {
    claims.scan(pattern, (m) => {
      claimPair(claims, m.index, width, m.index + m[0].length - width, width, `emphasis:${(next += 1)}`);
    });
  }
  return claims.tokens();
}

/** Claims an opening and a closing delimiter together, or neither. */
function claimPair(claims: SpanClaims, open: number, openLength: number, close: number, closeLength: number, match: string): void {
  if (!claims.isFree(open, open + openLength) || !claims.isFree(close, close + closeLength)) return;
  const raw = (start: number, length: number): string => claims.text.slice(start, start + length);
  claims.claim(open, open + openLength, { type: 'open', raw: raw(open, openLength), match });
  claims.claim(close, close + closeLength, { type: 'close', raw: raw(close, closeLength), match });
}
