/** Matching of TMX language tags (as other tools write them) against Tilmash locales. */

/** Old Microsoft codes still found in TMX files. */
const LEGACY_TAGS: Record<string, string> = { 'zh-chs': 'zh-Hans', 'zh-cht': 'zh-Hant' };

/**
 * Whether a TMX language tag (`en-US`, `EN-US`, `zh_CN`, `zh-Hans`) denotes the Tilmash locale
 * (`en`, `zh`, `zh-Hant`, `kk`): same language, same script once likely subtags are added
 * (`zh-TW` → Hant, `kk` → Cyrl), and the same region when both tags name one.
 */
export function tmxLangMatches(tag: string, locale: string): boolean {
  const a = parseLocale(tag);
  const b = parseLocale(locale);
  if (a === undefined || b === undefined) return false;
  return a.language === b.language && a.script === b.script && (a.region === undefined || b.region === undefined || a.region === b.region);
}

function parseLocale(tag: string): { language: string; script: string | undefined; region: string | undefined } | undefined {
  const cleaned = tag.trim().replace(/_/g, '-');
  try {
    const locale = new Intl.Locale(LEGACY_TAGS[cleaned.toLowerCase()] ?? cleaned);
    return { language: locale.language, script: locale.maximize().script, region: locale.region };
  } catch {
    return undefined;
  }
}
