/**
 * HTML escaping for both element content and (double- or single-quoted) attribute values: `&`, `<`,
 * `>`, `"` and `'` become references, so translated text such as `<0>…</0>`, `<link>` or a hostile
 * `<img onerror=…>` is always shown as text and never parsed as markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] as string);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
