import { isPseudoLocale } from '../../engine/pseudo-engine.js';
import { languageOf } from '../locale-language.js';
import type { QaCheck } from '../qa-types.js';
import { visibleText } from '../visible-text.js';

export interface LengthRange {
  min: number;
  max: number;
}

/** Target/source length ratios (visible characters) of ordinary translations from Russian. */
export const LENGTH_RATIO_RANGES: Readonly<Record<string, LengthRange>> = {
  en: { min: 0.5, max: 2.0 },
  kk: { min: 0.6, max: 2.0 },
  zh: { min: 0.15, max: 1.0 },
};
/** For other locales and pseudo-locales. */
export const DEFAULT_LENGTH_RATIO_RANGE: LengthRange = { min: 0.3, max: 3.0 };
/** Shorter sources vary too much in length to judge. */
const MIN_SOURCE_LENGTH = 20;

export const lengthRatioCheck: QaCheck = {
  id: 'length-ratio',
  defaultSeverity: 'warn',
  description: 'the target is not suspiciously shorter or longer than the source (per-locale ranges)',
  run({ source, target, locale, syntax }) {
    const sourceLength = length(visibleText(source, syntax));
    if (sourceLength < MIN_SOURCE_LENGTH) return [];
    const range = (isPseudoLocale(locale) ? undefined : LENGTH_RATIO_RANGES[languageOf(locale)]) ?? DEFAULT_LENGTH_RATIO_RANGE;
    const ratio = length(visibleText(target, syntax)) / sourceLength;
    if (ratio >= range.min && ratio <= range.max) return [];
    const which = ratio < range.min ? 'shorter' : 'longer';
    return [`the target is ${which} than expected: ${ratio.toFixed(2)} × the source's length (expected ${range.min}–${range.max} for ${locale})`];
  },
};

/** Visible characters, whitespace runs counted once, in code points. */
const length = (text: string): number => [...text.trim().replace(/\s+/g, ' ')].length;
