/**
 * What SIGINT/SIGTERM do, per command. Commands that write the TM, bundles or key maps (`run`,
 * `xliff import`, `tm import`) stop gracefully: dispatching stops, requests in flight land in the TM,
 * the TM is saved, exit 130 — `run` only from the moment it starts sending or writing (while it
 * reads and plans it has nothing to finish, so it ends at once like a reading command; a project
 * lock it leaves is taken over by the next command, the holder being gone). Every other command only reads (its one output file is written through
 * a temp file and a rename), so it keeps the default action and ends at once — even in the middle of
 * long synchronous work (fuzzy matching, building the review report) that would otherwise delay a
 * JavaScript handler for minutes. It exits by the signal (shell status 130 for SIGINT, 143 for
 * SIGTERM) and leaves nothing half-written (a stray temp file is removed by the next start).
 */
const TAKES_VALUE = new Set(['--config', '-c', '--locale', '-l', '--base', '--out', '-o']);

export function stopsGracefully(argv: readonly string[]): boolean {
  const [command, action] = commandWords(argv);
  if (command === 'run') return !argv.includes('--dry-run');
  return (command === 'xliff' || command === 'tm') && action === 'import';
}

/** `run` turns graceful only when it starts sending or writing (before that it has done nothing to undo). */
export function isRun(argv: readonly string[]): boolean {
  return commandWords(argv)[0] === 'run';
}

function commandWords(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (TAKES_VALUE.has(arg)) i++; // its value is not a command
    else if (!arg.startsWith('-')) args.push(arg);
  }
  return args;
}
