/** CLDR plural categories of a locale, as the runtime's `Intl.PluralRules` knows them. */

export type PluralType = 'cardinal' | 'ordinal';

/** CLDR order, which i18next and ICU printers also use for plural keys. */
export const CLDR_CATEGORY_ORDER: readonly string[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

const rulesCache = new Map<string, Intl.PluralRules>();
const categoriesCache = new Map<string, readonly string[]>();

/** The locale's rules, made once per locale and type (constructing them is the costly part). */
export function pluralRules(locale: string, type: PluralType): Intl.PluralRules {
  const cacheKey = `${locale}\u0000${type}`;
  let rules = rulesCache.get(cacheKey);
  if (rules === undefined) rulesCache.set(cacheKey, (rules = new Intl.PluralRules(locale, { type })));
  return rules;
}

/** The locale's categories in CLDR order (never a hard-coded list: `Intl` decides). */
export function pluralCategories(locale: string, type: PluralType): readonly string[] {
  const cacheKey = `${locale}\u0000${type}`;
  let categories = categoriesCache.get(cacheKey);
  if (categories === undefined) {
    const found = pluralRules(locale, type).resolvedOptions().pluralCategories as readonly string[];
    categories = [...found].sort((a, b) => cldrRank(a) - cldrRank(b));
    categoriesCache.set(cacheKey, categories);
  }
  return categories;
}

function cldrRank(category: string): number {
  const rank = CLDR_CATEGORY_ORDER.indexOf(category);
  return rank === -1 ? CLDR_CATEGORY_ORDER.length : rank;
}
