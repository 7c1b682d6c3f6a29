/**
 * The HTML `lang` value for a Tilmash locale: Tilmash's `zh` is Simplified Chinese, so it is tagged
 * `zh-Hans` (browsers then pick Simplified glyphs); `_` separators become `-`; other tags are kept.
 */
export function htmlLangTag(locale: string): string {
  const tag = locale.replace(/_/g, '-');
  return tag.toLowerCase() === 'zh' ? 'zh-Hans' : tag;
}
