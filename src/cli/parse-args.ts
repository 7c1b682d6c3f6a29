import { parseArgs } from 'node:util';
import { TilmashError } from '../errors.js';

export interface ParsedArgs {
  command: string;
  positionals: string[];
  flags: {
    config: string;
    locale?: string[];
    /** `diff`: the git commit to compare with. */
    base?: string;
    /** `review`, `xliff export`, `tm export`: where to write. */
    out?: string;
    /** `xliff import`: what a unit with a target and no state becomes; what `approved="yes"` means. */
    stateDefault?: string;
    approvedAs?: string;
    /** `xliff export`: what a unit without a translation carries as its target (`empty`, `source`). */
    targetMode?: string;
    dryRun: boolean;
    force: boolean;
    strict: boolean;
    json: boolean;
    help: boolean;
    version: boolean;
  };
}

/** Parses the command line; an unknown flag is a usage error that names it. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c', default: 'pipeline.config.ts' },
        locale: { type: 'string', short: 'l' },
        base: { type: 'string' },
        out: { type: 'string', short: 'o' },
        'state-default': { type: 'string' },
        'approved-as': { type: 'string' },
        'target-mode': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new TilmashError('usage', `${error instanceof Error ? error.message : String(error)}. Run \`tilmash --help\` for the options.`);
  }
  const { values, positionals } = parsed;
  const [command = 'help', ...rest] = positionals;
  const locale = values.locale
    ?.split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (locale?.length === 0) throw new TilmashError('usage', `--locale needs one or more target locales, e.g. --locale kk,zh. Run \`tilmash --help\` for the options.`);
  return {
    command,
    positionals: rest,
    flags: {
      config: values.config as string,
      ...(locale ? { locale } : {}),
      ...(values.base !== undefined ? { base: values.base as string } : {}),
      ...(values.out !== undefined ? { out: values.out as string } : {}),
      ...(values['state-default'] !== undefined ? { stateDefault: values['state-default'] as string } : {}),
      ...(values['approved-as'] !== undefined ? { approvedAs: values['approved-as'] as string } : {}),
      ...(values['target-mode'] !== undefined ? { targetMode: values['target-mode'] as string } : {}),
      dryRun: values['dry-run'] as boolean,
      force: values.force as boolean,
      strict: values.strict as boolean,
      json: values.json as boolean,
      help: values.help as boolean,
      version: values.version as boolean,
    },
  };
}
