import { COMMANDS, EXIT_CODES, FLAGS, GLOBAL_FLAGS, flagSpec, specsOf, type CommandSpec, type FlagName } from './command-table.js';

const exitCodeLine = (codes: readonly number[]) =>
  EXIT_CODES.filter(([code]) => codes.includes(code))
    .map(([code, meaning]) => `${code} ${meaning}`)
    .join(', ');

/** `[--locale <list>] [--dry-run]`: a usage line's flags (the command's own, then --json). */
function usageLine(spec: CommandSpec): string {
  const flags = [...spec.flags, ...(spec.name === 'help' ? [] : (['json'] as FlagName[]))].map((name) => {
    const flag = flagSpec(name);
    return `[--${name}${flag?.type === 'string' ? ` ${name === 'locale' ? 'kk,zh' : (flag.value ?? '')}` : ''}]`;
  });
  return ['tilmash', spec.name, ...spec.args, ...flags].join(' ');
}

const indent = (text: string, by: string) => text.split('\n').map((line) => `${by}${line}`).join('\n');

function flagLine(name: FlagName, spec?: CommandSpec): string {
  const flag = flagSpec(name);
  if (!flag) return '';
  const left = `${flag.short ? `-${flag.short}, ` : '    '}--${name}${flag.value ? ` ${flag.value}` : ''}`;
  return `  ${left.padEnd(22)} ${spec?.flagHelp?.[name] ?? flag.help}`;
}

/** The global help: every command with its usage, the shared flags, the exit codes. */
export function globalHelp(): string {
  const lines = ['tilmash — translate Russian source documents into localized bundles', '', 'Usage:'];
  for (const spec of COMMANDS) {
    if (spec.name === 'help') continue;
    lines.push(`  ${usageLine(spec)}`, indent(spec.summary, '      '));
  }
  lines.push('', 'Options:', ...FLAGS.map((f) => flagLine(f.name)));
  lines.push('', '`tilmash <command> --help` (or `tilmash help <command>`) shows one command with its flags, examples and exit codes.');
  lines.push('', `Exit codes: ${exitCodeLine(EXIT_CODES.map(([code]) => code))}.`);
  return `${lines.join('\n')}\n`;
}

/** One command's help (both actions of `xliff` and `tm`): usage, flags, examples, exit codes. */
export function commandHelp(command: string): string {
  const specs = specsOf(command);
  const lines: string[] = [];
  for (const spec of specs) {
    lines.push(`Usage: ${usageLine(spec)}`, '', indent(spec.summary, '  '), '', 'Flags:');
    for (const name of [...spec.flags, ...GLOBAL_FLAGS.filter((f) => f !== 'version')]) lines.push(flagLine(name, spec));
    lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`), '');
  }
  const codes = [...new Set([0, 1, 2, 3, ...specs.flatMap((s) => s.exitCodes)])].sort((a, b) => a - b);
  lines.push(`Exit codes: ${exitCodeLine(codes)}.`, 'All exit codes: `tilmash --help`.');
  return `${lines.join('\n')}\n`;
}
