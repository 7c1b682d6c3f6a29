/** Matching of TMX language tags (as other tools write them) against Tilmash locales. */

/** Old Microsoft codes still found in TMX files. */
const LEGACY_TAGS: Record<string, string> = { 'zh-chs': 'zh-Hans', 'zh-cht': 'zh-Hant' };

interface ParsedTag {
  language: string;
  /** The script once likely subtags are added (`zh-TW` → Hant). */
  script: string | undefined;
  region: string | undefined;
}

/**
 * Parsed tags by the string as written (undefined for a tag `Intl.Locale` rejects). A file repeats
 * a handful of tags over thousands of units, and `Intl.Locale#maximize` is slow. Emptied when it
 * reaches `MAX_CACHED`, so a file of made-up tags cannot grow it without bound.
 */
const PARSED = new Map<string, ParsedTag | undefined>();
const MAX_CACHED = 1000;

/**
 * Whether a TMX language tag (`en-US`, `EN-US`, `zh_CN`, `zh-Hans`) denotes the Tilmash locale
 * (`en`, `zh`, `zh-Hant`, `kk`): same language, same script once likely subtags are added
 * (`zh-TW` → Hant, `kk` → Cyrl), and the same region when both tags name one.
 */
export function tmxLangMatches(tag: string, locale: string): boolean {
  const a = parseTag(tag);
  const b = parseTag(locale);
  if (a === undefined || b === undefined) return false;
  return a.language === b.language && a.script === b.script && (a.region === undefined || b.region === undefined || a.region === b.region);
}

function parseTag(tag: string): ParsedTag | undefined {
  if (PARSED.has(tag)) return PARSED.get(tag);
  const parsed = parseUncached(tag);
  if (PARSED.size >= MAX_CACHED) PARSED.clear();
  PARSED.set(tag, parsed);
  return parsed;
}

function parseUncached(tag: string): ParsedTag | undefined {
  const cleaned = tag.trim().replace(/_/g, '-');
  try {
    const locale = new Intl.Locale(LEGACY_TAGS[cleaned.toLowerCase()] ?? cleaned);
    return { language: locale.language, script: locale.maximize().script, region: locale.region };
  } catch {
    return undefined;
  }
}
