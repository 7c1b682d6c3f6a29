import { escapeRegExp } from '../text/escape-reg-exp.js';
import { languageOf } from '../text/language-of.js';
import { WORD_END, WORD_START } from '../text/word-boundaries.js';
import type { Glossary, GlossaryTerm } from './glossary-types.js';

/** A Russian nominative ending that inflection replaces (Москва → Москвы, Россия → России). */
const REPLACED_ENDING = /[аяоеёьйыиу]$/iu;
const SEPARATOR = /(\s+|[-‐‑])/u;

const sourcePatterns = new WeakMap<GlossaryTerm, RegExp>();
const targetPatterns = new Map<string, RegExp>();

/**
 * The glossary terms that occur in a Russian `text`, in order of first occurrence, each once.
 *
 * - Inflection: each word of a term of 4 letters or more that ends in a Cyrillic letter may take an
 *   ending of up to 3 Cyrillic letters (Токаев → Токаева, Токаевым); a final vowel, ь or й may be
 *   replaced in words of 5 letters or more (Москва → Москвой, Россия → России). Shorter words (Си, КНР) match exactly.
 * - The first letter is case-sensitive (`Мир` the newspaper is not `мир`); the rest is not; `е`
 *   and `ё` are the same letter; any whitespace run matches a space.
 * - Whole words only (Unicode letters and digits are word characters).
 * - A match inside a longer term's match does not count (`Токаев` inside `Касым-Жомарт Токаев`).
 */
export function findTermsInSource(glossary: Glossary, text: string): GlossaryTerm[] {
  if (glossary.terms.length === 0 || text === '') return [];
  // Every locale's QA asks about the same source segments: each text is scanned once per glossary.
  const scan = scanOf(glossary);
  let found = scan.found.get(text);
  if (found === undefined) scan.found.set(text, (found = scanTerms(scan, text)));
  return [...found];
}

/** What scanning needs of one glossary, built once, and the texts scanned so far. */
interface GlossaryScan {
  longestFirst: readonly GlossaryTerm[];
  /** Glossary order: breaks ties between terms found at the same place. */
  order: ReadonlyMap<GlossaryTerm, number>;
  found: Map<string, GlossaryTerm[]>;
}

const scans = new WeakMap<Glossary, GlossaryScan>();

function scanOf(glossary: Glossary): GlossaryScan {
  let scan = scans.get(glossary);
  if (scan === undefined) {
    scan = {
      longestFirst: [...glossary.terms].sort((a, b) => b.source.length - a.source.length),
      order: new Map(glossary.terms.map((term, k) => [term, k])),
      found: new Map(),
    };
    scans.set(glossary, scan);
  }
  return scan;
}

function scanTerms({ longestFirst, order }: GlossaryScan, text: string): GlossaryTerm[] {
  const normalised = text.normalize('NFC');
  const claimed: Array<[number, number]> = [];
  const firstAt = new Map<GlossaryTerm, number>();
  for (const term of longestFirst) {
    const first = foldYo([...term.source][0] ?? '');
    for (const match of normalised.matchAll(sourcePattern(term))) {
      if (foldYo([...match[0]][0] ?? '') !== first) continue;
      const start = match.index;
      const end = start + match[0].length;
      if (claimed.some(([s, e]) => start >= s && end <= e)) continue;
      claimed.push([start, end]);
      if (!firstAt.has(term)) firstAt.set(term, start);
    }
  }
  return [...firstAt].sort(([a, at], [b, bt]) => at - bt || order.get(a)! - order.get(b)!).map(([term]) => term);
}

/**
 * Whether a translation contains the `required` form of a term for `locale`.
 * - Chinese (and any required form in Han script): a plain substring test.
 * - Other locales: the form at the start of a word, as written (a lowercase first letter also
 *   matches capitalised, for a sentence start), followed by optional letters, after an optional
 *   hyphen or apostrophe: Kazakh suffixes (Тоқаевтың, Си Цзиньпинмен, C5-тің) and the English
 *   possessive (Xi Jinping's). A digit right after it is another word (C5 ≠ C50).
 */
export function targetHasTerm(target: string, required: string, locale: string): boolean {
  const form = required.normalize('NFC').trim();
  if (form === '') return true;
  const text = target.normalize('NFC');
  if (languageOf(locale) === 'zh' || /\p{Script=Han}/u.test(form)) return text.includes(form);
  // Cheap necessary condition first: the form's first run after its first letter is in the text.
  const anchor = [...form].slice(1).join('').split(/\s+/u)[0] ?? '';
  if (anchor !== '' && !text.includes(anchor)) return false;
  return targetPattern(form).test(text);
}

function sourcePattern(term: GlossaryTerm): RegExp {
  let pattern = sourcePatterns.get(term);
  if (pattern === undefined) {
    const body = term.source
      .split(SEPARATOR)
      .map((token, k) => (k % 2 === 1 ? separatorPattern(token) : wordPattern(token)))
      .join('');
    pattern = new RegExp(`${WORD_START}${body}${WORD_END}`, 'giu');
    sourcePatterns.set(term, pattern);
  }
  return pattern;
}

function wordPattern(word: string): string {
  const chars = [...word];
  const letters = chars.filter((c) => /\p{L}/u.test(c)).length;
  if (letters < 4 || !/\p{Script=Cyrillic}$/u.test(word)) return yoTolerant(escapeRegExp(word));
  const stem = REPLACED_ENDING.test(word) && chars.length > 4 ? chars.slice(0, -1).join('') : word;
  return `${yoTolerant(escapeRegExp(stem))}\\p{Script=Cyrillic}{0,3}`;
}

function separatorPattern(separator: string): string {
  return /\s/u.test(separator) ? '\\s+' : '[-‐‑]';
}

function targetPattern(form: string): RegExp {
  let pattern = targetPatterns.get(form);
  if (pattern === undefined) {
    const [first = '', ...rest] = [...form];
    const upper = first.toUpperCase();
    const head = upper !== first ? `[${escapeRegExp(first)}${escapeRegExp(upper)}]` : escapeRegExp(first);
    const body = escapeRegExp(rest.join('')).replace(/\s+/gu, '\\s+');
    pattern = new RegExp(`${WORD_START}${head}${body}(?:['’-]?\\p{L}[\\p{L}\\p{M}]*)?(?!\\p{N})`, 'u');
    targetPatterns.set(form, pattern);
  }
  return pattern;
}

function yoTolerant(pattern: string): string {
  return pattern.replace(/[её]/g, '[её]').replace(/[ЕЁ]/g, '[ЕЁ]');
}

function foldYo(text: string): string {
  return text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}
