import type { Glossary } from '../glossary/glossary-types.js';
import { joinPieces, tokenizeSegment, type Piece, type Syntax } from '../protect/index.js';
import { escapeRegExp } from '../text/escape-reg-exp.js';
import type { Converter } from './converters.js';

/** A glossary term's form in the parent locale and the form the derived locale must have. */
export type GlossaryForm = readonly [parent: string, derived: string];

export interface DeriveOptions {
  converter: Converter;
  /** Do-not-translate terms: kept verbatim, like placeholders. */
  doNotTranslate: readonly string[];
  /** Terms the glossary spells in both locales (`Тоқаев` → `Toqaev`): the derived form is used as given. */
  forms: readonly GlossaryForm[];
}

/**
 * The derived locale's text of one translated segment. The parent's target is cut by the same
 * tokenizer that protects segments through MT (`tokenizeSegment`), so placeholders, tags, URLs,
 * e-mails and do-not-translate terms are kept byte for byte; only the text between them is
 * converted. A glossary term found in the text (at a word start; a Kazakh suffix may follow:
 * `Тоқаевтың`) takes the glossary's derived form and the rest of the word is converted.
 */
export function deriveSegment(parentTarget: string, syntax: Syntax, options: DeriveOptions): string {
  const pieces = tokenizeSegment(parentTarget, syntax, { doNotTranslate: options.doNotTranslate });
  const converted: Piece[] = pieces.map((piece) => (piece.type === 'text' ? { type: 'text', text: convertText(piece.text, options) } : piece));
  return joinPieces(converted, syntax);
}

const patterns = new WeakMap<readonly GlossaryForm[], RegExp | null>();
const HAN_START = /^\p{Script=Han}/u;
const WORD_START = '(?<![\\p{L}\\p{N}])';

function convertText(text: string, { converter, forms }: DeriveOptions): string {
  const pattern = formsPattern(forms);
  if (!pattern) return converter.convert(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    out += converter.convert(text.slice(last, match.index)) + (forms.find(([parent]) => parent === match[0]) as GlossaryForm)[1];
    last = match.index + match[0].length;
  }
  return out + converter.convert(text.slice(last));
}

/** One alternation of the parent forms, longest first, each at a word start. */
function formsPattern(forms: readonly GlossaryForm[]): RegExp | null {
  let pattern = patterns.get(forms);
  if (pattern === undefined) {
    // Chinese has no spaces between words: a Han term matches anywhere, any other at a word start.
    const sorted = [...forms].sort((a, b) => b[0].length - a[0].length).map(([parent]) => (HAN_START.test(parent) ? '' : WORD_START) + escapeRegExp(parent));
    pattern = sorted.length === 0 ? null : new RegExp(sorted.join('|'), 'gu');
    patterns.set(forms, pattern);
  }
  return pattern;
}

/** The glossary's forms for a derived locale: terms that give both the parent's and the derived locale's form. */
export function glossaryForms(glossary: Glossary, parent: string, derived: string): GlossaryForm[] {
  return glossary.terms.flatMap((term) => {
    const from = term.targets[parent];
    const to = term.targets[derived];
    return from && to && !term.doNotTranslate ? [[from, to] as const] : [];
  });
}

/**
 * The glossary with every derived locale's forms: a term that gives the parent's form and not the
 * derived locale's gets the converted parent form (`Сиань` → `Sian`, `铁木尔·乌马罗夫` →
 * `鐵木爾·烏馬羅夫`), so the glossary check holds derived text to the same terms.
 */
export function withDerivedForms(glossary: Glossary, derived: ReadonlyArray<{ locale: string; from: string; converter: Converter }>): Glossary {
  if (derived.length === 0 || glossary.terms.length === 0) return glossary;
  const terms = glossary.terms.map((term) => {
    if (term.doNotTranslate) return term;
    const added: Record<string, string> = {};
    for (const { locale, from, converter } of derived) {
      const parent = term.targets[from];
      if (parent && term.targets[locale] === undefined) added[locale] = converter.convert(parent);
    }
    return Object.keys(added).length === 0 ? term : { ...term, targets: { ...term.targets, ...added } };
  });
  return { ...glossary, terms };
}
