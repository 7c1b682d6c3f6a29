import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TilmashError } from '../errors.js';
import { COMMAND_NAMES, FLAGS, GLOBAL_FLAGS, flagSpec, specsOf, type CommandSpec, type FlagName } from './command-table.js';
import { nearest } from './suggest.js';

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
    /** `review`: run the local review server instead of writing the static report. */
    serve?: boolean;
    /** `review --serve`: the port on 127.0.0.1 (default: a free one). */
    port?: number;
    /** `review --serve`: open the page in the browser (`--no-open`: only print the address). */
    open?: boolean;
    /** `xliff import`: what a unit with a target and no state becomes; what `approved="yes"` means. */
    stateDefault?: string;
    approvedAs?: string;
    /** `xliff export`: what a unit without a translation carries as its target (`empty`, `source`). */
    targetMode?: string;
    dryRun: boolean;
    force: boolean;
    strict: boolean;
    json: boolean;
    /** `--wait[=seconds]`: how long a writing command waits for another one's project lock (0: refuse at once). */
    wait: number;
    /** `segment`: list what the reader dropped, cut or joined, with rule ids. */
    explain: boolean;
    /** `run`, `worker`: the Redis queue URL (scale out). */
    queue?: string;
    /** `worker`: seconds a silent worker keeps a batch. */
    lease?: number;
    help: boolean;
    version: boolean;
  };
}

type OptionToken = { kind: 'option'; name: string; rawName: string; value: string | undefined; inlineValue: boolean | undefined };

const OPTIONS: ParseArgsConfig['options'] = Object.fromEntries(FLAGS.map((f) => [f.name, { type: f.type, ...(f.short ? { short: f.short } : {}) }]));

/**
 * Parses the command line against the command table: an unknown command or flag, a flag without its
 * value, or a flag the command does not take is a usage error in our words, naming the nearest valid one.
 */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  // Not strict: node's own messages never reach the user; every token is checked below.
  const { values, positionals, tokens } = parseArgs({ args: argv.map((arg) => (arg === '--wait' ? `--wait=${DEFAULT_WAIT_SECONDS}` : arg)), allowPositionals: true, strict: false, tokens: true, options: OPTIONS });
  const [command = 'help', ...rest] = positionals;
  const specs = specsOf(command);
  if (specs.length === 0) throw unknownCommand(command);
  const options = tokens.flatMap((t) => (t.kind === 'option' ? [t as OptionToken] : []));
  for (const token of options) checkToken(token, command, specs);
  const help = values.help === true;
  if (!help && command !== 'help') {
    const action = specs.length > 1 ? specs.find((s) => s.name === `${command} ${rest[0]}`) : specs[0];
    for (const token of options) checkApplies(token.name as FlagName, token.rawName, action ? [action] : specs, action?.name ?? command);
    if (action && specs.length === 1) checkPositionals(action, rest);
  }
  const locale = typeof values.locale === 'string' ? values.locale.split(',').map((l) => l.trim()).filter((l) => l !== '') : undefined;
  if (locale?.length === 0) throw new TilmashError('usage', `--locale needs one or more target locales, e.g. --locale kk,zh. Run \`tilmash ${command} --help\` for the options.`);
  const text = (name: FlagName) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const base = text('base');
  const out = text('out');
  const port = text('port') === undefined ? undefined : Number(text('port'));
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new TilmashError('usage', `--port ${JSON.stringify(text('port'))} is not a port: pass a number from 1 to 65535, or leave it out for a free one.`);
  return {
    command,
    positionals: rest,
    flags: {
      config: text('config') ?? 'pipeline.config.ts',
      ...(locale ? { locale } : {}),
      ...(base !== undefined ? { base } : {}),
      ...(out !== undefined ? { out } : {}),
      ...(values.serve === true ? { serve: true } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(values['no-open'] === true ? { open: false } : {}),
      ...(text('state-default') !== undefined ? { stateDefault: text('state-default') as string } : {}),
      ...(text('approved-as') !== undefined ? { approvedAs: text('approved-as') as string } : {}),
      ...(text('target-mode') !== undefined ? { targetMode: text('target-mode') as string } : {}),
      dryRun: values['dry-run'] === true,
      force: values.force === true,
      strict: values.strict === true,
      json: values.json === true,
      wait: waitSeconds(text('wait')),
      explain: values.explain === true,
      ...(text('queue') !== undefined ? { queue: text('queue') as string } : {}),
      ...(text('lease') !== undefined ? { lease: leaseSeconds(text('lease') as string) } : {}),
      help,
      version: values.version === true,
    },
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

function leaseSeconds(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 1) throw new TilmashError('usage', `--lease ${value}: expected a number of seconds of at least 1, e.g. --lease 30.`);
  return seconds;
}

function unknownCommand(command: string): TilmashError {
  const guess = nearest(command, COMMAND_NAMES);
  return new TilmashError('usage', `Unknown command '${command}'.${guess ? ` Did you mean \`tilmash ${guess}\`?` : ''} Commands: ${COMMAND_NAMES.join(', ')}. Run \`tilmash --help\`.`);
}

/** A flag Tilmash knows, with its value when it takes one and none when it does not. */
function checkToken(token: OptionToken, command: string, specs: CommandSpec[]): void {
  const spec = flagSpec(token.name);
  const helpHint = command === 'help' ? 'Run `tilmash --help` for the flags.' : `Run \`tilmash ${command} --help\` for its flags.`;
  if (!spec || (token.rawName.length === 2 && spec.short !== token.rawName[1])) {
    const own = [...new Set([...GLOBAL_FLAGS, ...specs.flatMap((s) => s.flags)])];
    const typed = token.rawName.replace(/^-+/, '');
    const guess = nearest(typed, own) ?? nearest(typed, FLAGS.map((f) => f.name));
    throw new TilmashError('usage', `Unknown flag '${token.rawName}'${command === 'help' ? '' : ` for \`tilmash ${command}\``}.${guess ? ` Did you mean --${guess}?` : ''} ${helpHint}`);
  }
  const shown = `--${spec.name}`;
  if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
    throw new TilmashError('usage', `${shown} needs a value${spec.value ? ` (${spec.value})` : ''}, e.g. ${shown} ${exampleValue(spec.name)}. ${helpHint}`);
  }
  if (spec.type === 'boolean' && token.inlineValue) throw new TilmashError('usage', `${shown} takes no value (given '${token.rawName}=${token.value ?? ''}'). ${helpHint}`);
}

function exampleValue(name: FlagName): string {
  return { config: 'pipeline.config.ts', locale: 'kk,zh', base: 'HEAD~1', out: 'out/file' }[name as 'config'] ?? '…';
}

/** A flag the command does not take is refused, never ignored: `check --dry-run` would promise what check never does. */
function checkApplies(name: FlagName, rawName: string, specs: CommandSpec[], shownCommand: string): void {
  if (GLOBAL_FLAGS.includes(name) || specs.some((s) => s.flags.includes(name))) return;
  const users = COMMAND_NAMES.flatMap((c) => specsOf(c)).filter((s) => s.flags.includes(name)).map((s) => s.name);
  const own = [...GLOBAL_FLAGS, ...new Set(specs.flatMap((s) => s.flags))].map((f) => `--${f}`).join(', ');
  throw new TilmashError(
    'usage',
    `${rawName === `-${flagSpec(name)?.short}` ? `${rawName} (--${name})` : `--${name}`} does not apply to \`tilmash ${shownCommand}\`${users.length > 0 ? ` (it is a flag of ${users.map((u) => `\`tilmash ${u}\``).join(', ')})` : ''}. ` +
      `\`tilmash ${shownCommand}\` takes ${own}. Run \`tilmash ${shownCommand.split(' ')[0]} --help\`.`,
  );
}

/** Arguments after the command: as many as its usage names (`segment <file>`), no more. */
function checkPositionals(spec: CommandSpec, rest: string[]): void {
  const extra = rest.slice(spec.args.length);
  if (extra.length > 0) throw new TilmashError('usage', `Unexpected argument '${extra[0]}' for \`tilmash ${spec.name}\`. Run \`tilmash ${spec.name} --help\`.`);
}
