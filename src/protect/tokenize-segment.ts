import { claimCommonSpans } from './claim-common-spans.js';
import type { Piece, Syntax } from './protect-types.js';
import type { RawToken } from './raw-token.js';
import { resolvePairs } from './resolve-pairs.js';
import { SpanClaims } from './span-claims.js';
import { tokenizeI18next } from './tokenize-i18next.js';
import { tokenizeIcu } from './tokenize-icu.js';
import { tokenizeMarkdown } from './tokenize-markdown.js';

export interface TokenizeOptions {
  /** Terms kept verbatim (exact, case-sensitive, whole words). */
  doNotTranslate: readonly string[];
}

/**
 * A segment cut into text to translate and pieces to keep: URLs, e-mails and do-not-translate terms
 * in every syntax, plus the syntax's own placeholders and paired tags. Never throws: a tag without
 * its partner, or one that would cross another pair, becomes a `tag` placeholder.
 * `joinPieces(tokenizeSegment(t, s, o), s) === t` for canonical input.
 */
export function tokenizeSegment(text: string, syntax: Syntax, options: TokenizeOptions): Piece[] {
  return resolvePairs(rawTokens(text, syntax, options.doNotTranslate));
}

function rawTokens(text: string, syntax: Syntax, doNotTranslate: readonly string[]): RawToken[] {
  switch (syntax) {
    case 'markdown':
      return tokenizeMarkdown(text, doNotTranslate);
    case 'i18next':
      return tokenizeI18next(text, doNotTranslate);
    case 'icu':
      return tokenizeIcu(text, doNotTranslate);
    case 'plain': {
      const claims = new SpanClaims(text);
      claimCommonSpans(claims, doNotTranslate);
      return claims.tokens();
    }
  }
}
