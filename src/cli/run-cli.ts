import path from 'node:path';
import { ExitCode, TilmashError } from '../errors.js';
import type { CliIo } from './cli-io.js';
import { HELP } from './help.js';
import { parseCliArgs } from './parse-args.js';
import { VERSION } from '../version.js';

const COMMANDS = ['run', 'status', 'check', 'diff', 'review', 'xliff', 'tm', 'segment'];

/** Runs one CLI invocation and returns its exit code; errors become messages, never stack traces. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.flags.version) {
      io.stdout(`${VERSION}\n`);
      return ExitCode.ok;
    }
    if (args.flags.help || args.command === 'help') {
      io.stdout(HELP);
      return ExitCode.ok;
    }
    const extra = args.command === 'segment' ? args.positionals.slice(1) : args.positionals;
    if (extra.length > 0 && ['run', 'status', 'segment', 'check', 'diff', 'review'].includes(args.command)) {
      throw new TilmashError('usage', `Unexpected argument '${extra[0]}' for \`tilmash ${args.command}\`. Run \`tilmash --help\`.`);
    }
    // Each command's modules load only when it runs: `run` never pays for XML parsers or the report.
    switch (args.command) {
      case 'run':
      case 'status':
        return await (await import('./commands/run-command.js')).runCommand(args, io, args.command);
      case 'segment':
        return await (await import('./commands/segment-command.js')).segmentCommand(args, io);
      case 'check':
        return await (await import('./commands/check-command.js')).checkCommand(args, io);
      case 'diff':
        return await (await import('./commands/diff-command.js')).diffCommand(args, io);
      case 'xliff':
        return await (await import('./commands/xliff-command.js')).xliffCommand(args, io, VERSION);
      case 'tm':
        return await (await import('./commands/tm-command.js')).tmCommand(args, io, VERSION);
      case 'review':
        return await (await import('./commands/review-command.js')).reviewCommand(args, io);
      default:
        throw new TilmashError('usage', `Unknown command '${args.command}'. Commands: ${COMMANDS.join(', ')}. Run \`tilmash --help\`.`);
    }
  } catch (error) {
    if (error instanceof TilmashError) {
      // Files are named relative to the working folder (`tm/ru-en.jsonl:7`, the folder itself `.`), not by absolute path.
      io.stderr(`tilmash: ${error.message.split(`${io.cwd}${path.sep}`).join('').split(io.cwd).join('.')}\n`);
      return error.exitCode;
    }
    io.stderr(`tilmash: internal error (a bug, please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCode.internal;
  }
}
