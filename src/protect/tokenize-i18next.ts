import { claimCommonSpans } from './claim-common-spans.js';
import { claimHtmlTags } from './claim-html-tags.js';
import type { RawToken } from './raw-token.js';
import { SpanClaims } from './span-claims.js';

const INTERPOLATION = /\{\{[^{}]*\}\}/g;
const NESTING = /\$t\(/g;

/**
 * i18next v4 strings: `{{var}}`, `{{var, format}}`, `{{- var}}` are variables; `$t(key)` and
 * `$t(key, {"count": 2})` (balanced to the closing parenthesis) are nestings; Trans tags `<0>`…`</0>`,
 * `<b>`…`</b>` pair by name, `<1/>` and `<br/>` are placeholders; then URLs, e-mails and terms.
 */
export function tokenizeI18next(text: string, doNotTranslate: readonly string[]): RawToken[] {
  const claims = new SpanClaims(text);
  claims.scan(NESTING, (m) => {
    const end = balancedEnd(text, m.index + m[0].length - 1);
    if (end > 0) claims.claimPlaceholder(m, 'nesting', end - m.index);
  });
  claims.scan(INTERPOLATION, (m) => claims.claimPlaceholder(m, 'variable'));
  claimHtmlTags(claims, '[A-Za-z0-9][A-Za-z0-9-]*');
  claimCommonSpans(claims, doNotTranslate);
  return claims.tokens();
}

/** The index after the bracket that closes the one at `open`, skipping quoted strings; -1 if none. */
function balancedEnd(text: string, open: number): number {
  const closers: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '(' || c === '{' || c === '[') {
      closers.push(c === '(' ? ')' : c === '{' ? '}' : ']');
    } else if (c === ')' || c === '}' || c === ']') {
      if (closers.pop() !== c) return -1;
      if (closers.length === 0) return i + 1;
    }
  }
  return -1;
}
