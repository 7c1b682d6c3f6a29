/** The XLIFF-only flags, checked: `--state-default`, `--approved-as` (import), `--target-mode` (export). */
import { TilmashError } from '../../errors.js';
import { APPROVED_AS, STATE_DEFAULTS, type StateModelOptions } from '../../exchange/xliff-state-model.js';
import { TARGET_MODES, type TargetMode } from '../../workflows/xliff/export-xliff-job.js';
import type { ParsedArgs } from '../parse-args.js';

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new TilmashError('usage', `--${flag} must be one of ${allowed.join(', ')}; found '${value}'. Run \`tilmash --help\` for the options.`);
}

export function stateModelFlags(args: ParsedArgs): Partial<StateModelOptions> {
  const stateDefault = oneOf('state-default', args.flags.stateDefault, STATE_DEFAULTS);
  const approvedAs = oneOf('approved-as', args.flags.approvedAs, APPROVED_AS);
  return { ...(stateDefault ? { stateDefault } : {}), ...(approvedAs ? { approvedAs } : {}) };
}

export function targetModeFlag(args: ParsedArgs): TargetMode | undefined {
  return oneOf('target-mode', args.flags.targetMode, TARGET_MODES);
}

/** `xliff import --locale`: at most one locale, for files that name no target-language. */
export function importLocaleFlag(args: ParsedArgs): string | undefined {
  const locales = args.flags.locale;
  if (locales === undefined) return undefined;
  if (locales.length !== 1) throw new TilmashError('usage', `\`tilmash xliff import\` takes one --locale (for a file without target-language), found ${locales.join(',')}.`);
  return locales[0];
}
