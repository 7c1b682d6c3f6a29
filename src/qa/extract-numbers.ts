import { asciiDigits } from '../text/ascii-digits.js';
import { WORD_END } from '../text/word-boundaries.js';
import { languageOf } from './locale-language.js';

/** A number as written in a text and its value, magnitude word applied (`26 млрд` → 2.6e10). */
export interface NumberMention {
  text: string;
  value: number;
}

/**
 * Magnitude words after a number, longest first. Russian and Kazakh words take any ending
 * (`миллиардов`, `миллиардқа`, `мыңнан`); Chinese ones follow the digits with or without a space
 * (`260亿`, `3.6万`; `千` is not a magnitude in `千米` km, `千克` kg, `千瓦` kW).
 */
const MAGNITUDES: readonly (readonly [pattern: string, value: number])[] = [
  // Kazakh in the Latin alphabet (kk-Latn) writes trln, mlrd, mln, myñ.
  [String.raw`трлн\.?|триллион\p{L}*|trillions?|tn|trln\.?|trillion\p{L}*`, 1e12],
  [String.raw`млрд\.?|миллиард\p{L}*|billions?|bn|mlrd\.?|milliard\p{L}*`, 1e9],
  [String.raw`млн\.?|миллион\p{L}*|millions?|mn|mln\.?|million\p{L}*`, 1e6],
  [String.raw`тыс\.?|тысяч\p{L}*|мың\p{L}*|thousands?|myñ\p{L}*`, 1e3],
  ['万亿', 1e12],
  ['千亿', 1e11],
  ['百亿', 1e10],
  ['十亿', 1e9],
  ['亿', 1e8],
  ['千万', 1e7],
  ['百万', 1e6],
  ['十万', 1e5],
  ['万', 1e4],
  // Traditional forms (zh-Hant): 36億美元
  ['萬億', 1e12],
  ['千億', 1e11],
  ['百億', 1e10],
  ['十億', 1e9],
  ['億', 1e8],
  ['千萬', 1e7],
  ['百萬', 1e6],
  ['十萬', 1e5],
  ['萬', 1e4],
  ['千(?![米克瓦])', 1e3],
];
/** Sticky: tried right after a number. */
const MAGNITUDE = new RegExp(
  String.raw`[\s-]*(?:` +
    MAGNITUDES.map(([pattern]) => (/^\p{Script=Han}/u.test(pattern) ? `(${pattern})` : `(${pattern})${WORD_END}`)).join('|') +
    ')',
  'iuy',
);

/** How a locale writes numbers: its decimal marks and whether `,` groups thousands. */
interface Separators {
  decimal: string;
  groupComma: boolean;
  /** `1 500 000` (with an optional decimal part), or a run of digits joined by `.` `,` `:` `/`. */
  pattern: RegExp;
}

function separators(decimal: string, groupSpaces: string, groupComma: boolean): Separators {
  const space = `[${groupSpaces}]`;
  const pattern = new RegExp(
    String.raw`(?<!\d)(?:\d{1,3}(?:${space}\d{3})+(?:[${decimal}]\d+)?(?!\d|[.,]\d)|\d+(?:[.,:/]\d+)*)`,
    'g',
  );
  return { decimal, groupComma, pattern };
}

/** ru, kk and most locales write `3,6` (a `3.6` is read as a decimal too) and `1 500`. */
const COMMA_DECIMAL = separators(',.', ' \u00A0\u202F\u2009', false);
/** en and zh write `3.6` and `1,500`; only no-break or thin spaces group (`in 2020 100 people`). */
const POINT_DECIMAL = separators('.', '\u00A0\u202F\u2009', true);
const POINT_DECIMAL_LANGUAGES = new Set(['en', 'zh', 'ja', 'ko', 'he', 'th', 'hi']);

/**
 * The numbers written with digits in a text, in order, each with its magnitude applied: ru/kk
 * `3,6 млрд` and `1 500`, en `$3.6 billion` and `1,500`, zh `36亿` and `3.6万`. Signs are ignored
 * (magnitudes are compared), so are `%` and ordinal endings (`15-го`, `15th`, `15日` are 15).
 * Dates and times (`15.05.2023`, `10:30`) give one number per part. Numbers written as words are
 * not found. Full-width digits count as digits.
 */
export function findNumbers(visible: string, locale: string): NumberMention[] {
  const text = asciiDigits(visible);
  const seps = POINT_DECIMAL_LANGUAGES.has(languageOf(locale)) ? POINT_DECIMAL : COMMA_DECIMAL;
  const found: NumberMention[] = [];
  for (const match of text.matchAll(seps.pattern)) {
    const values = valuesOf(match[0], seps);
    const end = match.index + match[0].length;
    MAGNITUDE.lastIndex = end;
    const magnitude = values.length === 1 ? MAGNITUDE.exec(text) : null;
    if (magnitude !== null) {
      const factor = magnitudeValue(magnitude);
      found.push({ text: visible.slice(match.index, end + magnitude[0].length).trim(), value: scaled(values[0]!, factor) });
      continue;
    }
    const parts = values.length === 1 ? [match[0]] : match[0].split(/[.,:/]/);
    values.forEach((value, i) => found.push({ text: parts[i] ?? String(value), value }));
  }
  return found;
}

/** The values of the numbers found by {@link findNumbers}. */
export function extractNumbers(visible: string, locale: string): number[] {
  return findNumbers(visible, locale).map((mention) => mention.value);
}

/** One value for a number, or one per part for a run that is no single number (`15.05.2023`). */
function valuesOf(run: string, seps: Separators): number[] {
  if (/\s/.test(run)) {
    const [whole, fraction] = run.replace(/\s/g, '').split(/[.,]/);
    return [Number(`${whole}.${fraction ?? 0}`)];
  }
  const digits = run.split(/[.,:/]/);
  const marks = run.replace(/\d/g, '');
  if (marks === '') return [Number(run)];
  if (seps.groupComma && /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(run)) return [Number(run.replaceAll(',', ''))];
  if (marks.length === 1 && seps.decimal.includes(marks)) return [Number(`${digits[0]}.${digits[1]}`)];
  return digits.map(Number);
}

/**
 * `value × factor` without binary noise: every magnitude is a power of ten, so the decimal exponent
 * moves (`32.2` × 1e9 is 32200000000, where the product is 32200000000.000004).
 */
function scaled(value: number, factor: number): number {
  const exponent = Math.log10(factor);
  return Number.isInteger(exponent) ? Number(`${value}e${exponent}`) : value * factor;
}

function magnitudeValue(match: RegExpExecArray): number {
  const index = match.slice(1).findIndex((group) => group !== undefined);
  return MAGNITUDES[index]?.[1] ?? 1;
}
