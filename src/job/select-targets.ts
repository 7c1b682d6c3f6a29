import type { ResolvedTarget } from '../config/resolved-config.js';
import { TilmashError } from '../errors.js';

/** The config's targets, or only those named by `--locale` (an unknown one is a usage error). */
export function selectTargets(targets: readonly ResolvedTarget[], wanted: readonly string[] | undefined): ResolvedTarget[] {
  if (!wanted) return [...targets];
  return wanted.map((locale) => {
    const target = targets.find((t) => t.locale === locale);
    if (!target) throw new TilmashError('usage', `Unknown locale '${locale}'. The config's target locales are: ${targets.map((t) => t.locale).join(', ')}.`);
    return target;
  });
}
