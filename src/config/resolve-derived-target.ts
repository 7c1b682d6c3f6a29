import { CONVERTER_IDS, converterOf, isConverterId, type ConverterId } from '../derive/converters.js';
import { languageOf } from '../text/language-of.js';
import type { ResolvedTarget } from './resolved-config.js';

type Fail = (option: string, expected: string, found: unknown) => never;

/**
 * A target with `derivedFrom` (or `converter`): validated on its own; the parent is checked by
 * `checkDerivedTargets` once every target is known. Undefined for a translated target.
 */
export function derivedTargetOf(locale: string, o: Record<string, unknown>, at: Fail, defaultJoiner: string): ResolvedTarget | undefined {
  if (o.derivedFrom === undefined && o.converter === undefined) return undefined;
  const name = `targets.${locale}`;
  if (typeof o.derivedFrom !== 'string' || o.derivedFrom === '') at(`${name}.derivedFrom`, `the target locale it is converted from (e.g. 'kk'), given with \`converter\``, o.derivedFrom);
  if (!isConverterId(o.converter)) at(`${name}.converter`, `one of ${CONVERTER_IDS.map((id) => `'${id}'`).join(', ')}`, o.converter);
  for (const option of ['engine', 'engineLanguage'] as const)
    if (o[option] !== undefined) at(`${name}.${option}`, `absent: a derived locale is converted from '${String(o.derivedFrom)}', never sent to an engine`, o[option]);
  const sentenceJoiner = o.sentenceJoiner ?? defaultJoiner;
  if (typeof sentenceJoiner !== 'string') at(`${name}.sentenceJoiner`, 'a string', sentenceJoiner);
  const converter = o.converter as ConverterId;
  return { locale, engineLanguage: `derived:${converter}`, sentenceJoiner: sentenceJoiner as string, derived: { from: o.derivedFrom as string, converter } };
}

/** Every derived target's parent is a configured target that is not derived, in the converter's language. */
export function checkDerivedTargets(targets: readonly ResolvedTarget[], at: Fail): void {
  for (const target of targets) {
    if (!target.derived) continue;
    const { from, converter } = target.derived;
    const name = `targets.${target.locale}.derivedFrom`;
    const parent = targets.find((t) => t.locale === from);
    const translated = targets.filter((t) => !t.derived).map((t) => t.locale).join(', ');
    if (!parent || parent === target) at(name, `a configured target locale that is translated (${translated})`, from);
    if (parent.derived) at(name, `a target that is translated, not itself derived (${from} is derived from ${parent.derived.from}); derive from ${parent.derived.from}`, from);
    const needs = converterOf(converter).from;
    if (languageOf(from) !== needs) at(name, `a ${needs} target: converter '${converter}' reads ${needs} text`, from);
  }
}
