import { KAZAKH_LATIN_LETTER } from '../derive/kk-latin-table.js';
import { simplifiedToTraditional, type OpenccVariant } from '../derive/opencc-convert.js';
import { languageOf } from './locale-language.js';

/** A Kazakh Latin text this long without one of ä ğ ı ñ ö q ū ü ş is almost surely not Kazakh. */
const KAZAKH_MIN_LETTERS = 40;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * Script rules of the script variants Tilmash derives, on a target's visible letters:
 * - `kk-Latn`: no Cyrillic letter left, and a long text has a letter of the 2021 alphabet beyond ASCII;
 * - `zh-Hant` (and `zh-TW`, `zh-HK`): no Simplified character that OpenCC converts to a Traditional
 *   one (the locale's variant: Hong Kong for `-HK`, Taiwan otherwise); OpenCC's phrase rules keep
 *   characters that are Traditional in context (皇后 stays).
 * Returns the problems, empty when the target is fine or the locale is not such a variant.
 */
export function scriptVariantProblems(locale: string, letters: readonly string[], visible: string): string[] {
  const tags = locale.split(/[-_]/).slice(1).map((t) => t.toLowerCase());
  const language = languageOf(locale);
  if (language === 'kk' && tags.includes('latn')) {
    const cyrillic = [...new Set(letters.filter((c) => CYRILLIC.test(c)))];
    if (cyrillic.length > 0) return [`the ${locale} target still has Cyrillic letters (${cyrillic.slice(0, 8).join(' ')}): Kazakh Latin has none`];
    if (letters.length >= KAZAKH_MIN_LETTERS && !letters.some((c) => KAZAKH_LATIN_LETTER.test(c)))
      return [`the ${locale} target has ${letters.length} letters and none of ä ğ ı ñ ö q ū ü ş: it does not look like Kazakh in the 2021 Latin alphabet`];
    return [];
  }
  if (language === 'zh' && (tags.includes('hant') || tags.includes('tw') || tags.includes('hk'))) {
    const variant: OpenccVariant = tags.includes('hk') ? 'hk' : 'tw';
    const converted = [...simplifiedToTraditional(visible, variant)];
    const chars = [...visible];
    if (converted.length !== chars.length) return [];
    const simplified = [...new Set(chars.filter((c, i) => c !== converted[i] && /\p{Script=Han}/u.test(c)))];
    const pairs = simplified.map((c) => `${c}→${converted[chars.indexOf(c)]}`);
    return pairs.length === 0 ? [] : [`the ${locale} target has Simplified characters with a Traditional form: ${pairs.slice(0, 8).join(', ')}`];
  }
  return [];
}
