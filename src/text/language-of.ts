/** The primary language subtag of a locale, lower-cased: `zh-Hans` → `zh`, `en_GB` → `en`, `EN` → `en`. */
export function languageOf(locale: string): string {
  return (locale.split(/[-_]/)[0] ?? '').toLowerCase();
}
