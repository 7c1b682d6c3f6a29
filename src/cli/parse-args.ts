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
    dryRun: boolean;
    force: boolean;
    strict: boolean;
    json: boolean;
    /** `--wait[=seconds]`: how long a writing command waits for another one's project lock (0: refuse at once). */
    wait: number;
    help: boolean;
    version: boolean;
  };
}

/** `--wait` without a value waits this long for another command's project lock. */
export const DEFAULT_WAIT_SECONDS = 60;

function waitSeconds(value: string | undefined): number {
  if (value === undefined) return 0;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new TilmashError('usage', `--wait=${value}: expected a number of seconds, e.g. --wait=120 (or --wait for ${DEFAULT_WAIT_SECONDS} s).`);
  }
  return seconds;
}

/** Parses the command line; an unknown flag is a usage error that names it. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.map((arg) => (arg === '--wait' ? `--wait=${DEFAULT_WAIT_SECONDS}` : arg)),
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c', default: 'pipeline.config.ts' },
        locale: { type: 'string', short: 'l' },
        base: { type: 'string' },
        out: { type: 'string', short: 'o' },
        'dry-run': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        wait: { type: 'string' },
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
      dryRun: values['dry-run'] as boolean,
      force: values.force as boolean,
      strict: values.strict as boolean,
      json: values.json as boolean,
      wait: waitSeconds(values.wait as string | undefined),
      help: values.help as boolean,
      version: values.version as boolean,
    },
  };
}
