import type { SpanClaims } from './span-claims.js';

/** Elements that never have a closing tag: always placeholders. */
const VOID = new Set(['br', 'hr', 'img', 'wbr', 'input', 'col', 'area', 'source', 'embed', 'meta', 'link']);
const ATTRIBUTES = String.raw`(?:\s+[^\s<>"'=/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=\x60]+))?)*`;

/**
 * Claims HTML-like tags whose names match `name` (a regex source): `<b>`, `<a href="…">`, `</b>`,
 * `<br/>`, `<0>`, `</0>`, `<1/>`. Opening and closing tags are matched by name later; self-closing
 * and void tags are placeholders.
 */
export function claimHtmlTags(claims: SpanClaims, name: string): void {
  const tag = new RegExp(`<(/?)(${name})(${ATTRIBUTES})\\s*(/?)>`, 'g');
  claims.scan(tag, (m) => {
    const [, slash, tagName = '', attributes = '', selfClosing] = m;
    const raw = claims.text.slice(m.index, m.index + m[0].length);
    const lower = tagName.toLowerCase();
    const end = m.index + m[0].length;
    if (slash === '/' && (attributes !== '' || selfClosing === '/')) return;
    if (selfClosing === '/' || VOID.has(lower)) {
      claims.claimPlaceholder(m, 'tag');
    } else {
      claims.claim(m.index, end, { type: slash === '/' ? 'close' : 'open', raw, match: `tag:${lower}` });
    }
  });
}
