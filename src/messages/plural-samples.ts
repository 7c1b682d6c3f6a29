/**
 * One sample number per plural category: the number that stands for the category when a source
 * form is chosen for a target form. Integers 0..200 come first (so a category reached by integers
 * gets one, e.g. en `other` → 0), then the decimals 0.5, 1.5 … 200.5 and 0.1, 1.1 … 200.1, then
 * large round numbers for categories such as fr `many` (1 000 000).
 */
import { pluralCategories, pluralRules, type PluralType } from './plural-categories.js';

const INTEGER_LIMIT = 200;

function* candidates(): Generator<number> {
  for (let n = 0; n <= INTEGER_LIMIT; n++) yield n;
  for (let n = 0; n <= INTEGER_LIMIT; n++) yield n + 0.5;
  for (let n = 0; n <= INTEGER_LIMIT; n++) yield n + 0.1;
  for (let power = 3; power <= 9; power++) yield 10 ** power;
}

const cache = new Map<string, ReadonlyMap<string, number>>();

/** Sample number per category of the locale; every category `Intl` lists has one. */
export function pluralSamples(locale: string, type: PluralType): ReadonlyMap<string, number> {
  const cacheKey = `${locale}\u0000${type}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const rules = pluralRules(locale, type);
  const wanted = pluralCategories(locale, type);
  const samples = new Map<string, number>();
  for (const n of candidates()) {
    const category = rules.select(n);
    if (!samples.has(category)) samples.set(category, n);
    if (samples.size === wanted.length) break;
  }
  const missing = wanted.filter((category) => !samples.has(category));
  if (missing.length > 0) {
    throw new Error(`no sample number for the ${type} plural categories ${missing.join(', ')} of '${locale}'`);
  }
  cache.set(cacheKey, samples);
  return samples;
}

/** The sample number of one category of the locale. */
export function pluralSample(locale: string, type: PluralType, category: string): number {
  const sample = pluralSamples(locale, type).get(category);
  if (sample === undefined) throw new Error(`'${locale}' has no ${type} plural category '${category}'`);
  return sample;
}
