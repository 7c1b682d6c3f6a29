import { ExitCode } from '../errors.js';
import { reportError } from './cli-errors.js';
import type { CliIo } from './cli-io.js';
import { commandHelp, globalHelp } from './help.js';
import { parseCliArgs } from './parse-args.js';
import { VERSION } from '../version.js';

/** Runs one CLI invocation and returns its exit code; errors become messages (JSON with --json), never stack traces. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Known before parsing, so even a usage error is JSON for a script that asked for JSON.
  const end = argv.indexOf('--');
  const json = (end < 0 ? argv : argv.slice(0, end)).includes('--json');
  let outPath: string | undefined;
  try {
    const args = parseCliArgs(argv);
    outPath = args.flags.out;
    if (args.flags.version) {
      io.stdout(`${VERSION}\n`);
      return ExitCode.ok;
    }
    if (args.flags.help || args.command === 'help') {
      const topic = args.command === 'help' ? args.positionals[0] : args.command;
      if (topic !== undefined) parseCliArgs([topic]); // an unknown topic: "did you mean"
      io.stdout(topic === undefined || topic === 'help' ? globalHelp() : commandHelp(topic));
      return ExitCode.ok;
    }
    // Each command's modules load only when it runs: `run` never pays for XML parsers or the report.
    switch (args.command) {
      case 'run':
      case 'status':
        return await (await import('./commands/run-command.js')).runCommand(args, io, args.command);
      case 'worker':
        return await (await import('./commands/worker-command.js')).workerCommand(args, io);
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
        throw new Error(`command '${args.command}' is in the command table but has no module`);
    }
  } catch (error) {
    return reportError(error, io, json, outPath);
  }
}
