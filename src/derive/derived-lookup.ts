import type { Glossary } from '../glossary/glossary-types.js';
import type { Syntax } from '../protect/index.js';
import type { TmEntry, TmStatus } from '../tm/tm-entry.js';
import { converterOf, derivedOrigin, isDerivedOrigin, type ConverterId } from './converters.js';
import { deriveSegment, glossaryForms, type DeriveOptions } from './derive-segment.js';

/** A target locale written by a converter from another target (`kk-Latn` from `kk`). */
export interface DerivedLocale {
  locale: string;
  /** The parent target locale; never itself derived. */
  from: string;
  converter: ConverterId;
}

export type EntryLookup = (locale: string, source: string) => TmEntry | undefined;

export interface DerivedLookupInputs {
  derived: readonly DerivedLocale[];
  /** The TM as it is. */
  base: EntryLookup;
  glossary: Glossary;
  doNotTranslate: readonly string[];
  /** How placeholders are written in a source segment (decides what the converter must not touch). */
  syntaxOf: (source: string) => Syntax;
}

/**
 * A conversion is not a review: a reviewed parent gives a `translated` derived entry; every other
 * status (machine, needs-review, translated) is passed on, so a derived locale is never better
 * vouched for than its parent.
 */
export const derivedStatus = (parent: TmStatus): TmStatus => (parent === 'reviewed' ? 'translated' : parent);

/**
 * The TM as a run would leave it after deriving: for a derived locale, the entry its converter makes
 * from the parent's current entry — unless the TM holds an entry of another origin (a person's edit
 * or an import), which is kept and never overwritten. Every reader of the TM (run, check, review,
 * export) sees the same derived state; `run` records it. Deterministic: the entry's dates are the
 * parent's (`changed`), so the same TM always derives the same bytes.
 */
export function derivedLookup(inputs: DerivedLookupInputs): EntryLookup {
  const { base } = inputs;
  if (inputs.derived.length === 0) return base;
  const byLocale = new Map(inputs.derived.map((d) => [d.locale, { ...d, options: optionsFor(d, inputs) }]));
  const cache = new Map<string, { parent: TmEntry; current: TmEntry | undefined; entry: TmEntry }>();
  return (locale, source) => {
    const current = base(locale, source);
    const derived = byLocale.get(locale);
    if (!derived || (current && !isDerivedOrigin(current.origin))) return current;
    const parent = base(derived.from, source);
    if (!parent) return current;
    const id = `${locale}\u0000${source}`;
    const known = cache.get(id);
    if (known && known.parent === parent && known.current === current) return known.entry;
    const made = deriveEntry(parent, current, derived.converter, deriveSegment(parent.target, inputs.syntaxOf(source), derived.options));
    cache.set(id, { parent, current, entry: made });
    return made;
  };
}

function optionsFor(derived: DerivedLocale, inputs: DerivedLookupInputs): DeriveOptions {
  return { converter: converterOf(derived.converter), doNotTranslate: inputs.doNotTranslate, forms: glossaryForms(inputs.glossary, derived.from, derived.locale) };
}

/** The derived entry, or `current` itself when it already is exactly that (nothing to record). */
function deriveEntry(parent: TmEntry, current: TmEntry | undefined, converter: ConverterId, target: string): TmEntry {
  const origin = derivedOrigin(converter);
  const status = derivedStatus(parent.status);
  if (current && current.target === target && current.origin === origin && current.status === status) return current;
  return Object.freeze({ source: parent.source, target, origin, status, created: current?.created ?? parent.changed, changed: parent.changed });
}
