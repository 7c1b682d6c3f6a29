import type { ResolvedConfig } from '../config/resolved-config.js';
import { TilmashError } from '../errors.js';
import type { ParsedArgs } from './parse-args.js';

/** BCP 47 canonical form (`KK` → `kk`, `zh-cn` → `zh-CN`), or undefined for a tag that is not BCP 47. */
function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** Language and script, with the likely script filled in: `zh-CN` and `zh` are both `zh-Hans`, `zh-TW` is `zh-Hant`. */
function languageScript(tag: string): string | undefined {
  try {
    const locale = new Intl.Locale(tag).maximize();
    return `${locale.language}-${locale.script ?? ''}`;
  } catch {
    return undefined;
  }
}

/**
 * A `--locale` value as one of the config's target locales: the same tag in any case (`KK` → `kk`),
 * or a tag of the same language and script that names exactly one configured locale (`kk-KZ` → `kk`,
 * `zh-CN` → `zh`, but not `zh-TW` to a Simplified `zh`). Anything else is a usage error listing the targets.
 */
export function canonicalTarget(given: string, configured: readonly string[]): string {
  const tag = canonical(given);
  const list = `The config's target locales are: ${configured.join(', ')}.`;
  if (tag === undefined) throw new TilmashError('usage', `'${given}' is not a BCP 47 language tag (like kk, zh or en-GB). ${list}`);
  const same = configured.find((c) => (canonical(c) ?? c).toLowerCase() === tag.toLowerCase());
  if (same !== undefined) return same;
  const wanted = languageScript(tag);
  const near = wanted === undefined ? [] : configured.filter((c) => languageScript(c) === wanted);
  if (near.length === 1) return near[0] as string;
  if (near.length > 1) throw new TilmashError('usage', `Locale '${given}' could be any of ${near.join(', ')}: name one of them. ${list}`);
  const language = wanted?.split('-')[0];
  const other = configured.find((c) => languageScript(c)?.split('-')[0] === language);
  const hint = other === undefined ? '' : ` (${other} is written in another script than ${tag})`;
  throw new TilmashError('usage', `Unknown locale '${given}'${hint}. ${list}`);
}

/** The command's flags with `--locale` mapped onto the config's targets (duplicates dropped, order kept). */
export function withCanonicalLocales<A extends { flags: Pick<ParsedArgs['flags'], 'locale'> }>(args: A, config: Pick<ResolvedConfig, 'targets'>): A {
  if (!args.flags.locale) return args;
  const configured = config.targets.map((t) => t.locale);
  const locale = [...new Set(args.flags.locale.map((l) => canonicalTarget(l, configured)))];
  return { ...args, flags: { ...args.flags, locale } };
}
