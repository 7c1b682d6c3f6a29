/**
 * Runs a shell command under a pseudo-terminal (`script` from util-linux): stdout and stderr of the
 * command are terminals, as for a user at a prompt; a redirection inside the command (`> file`) is not.
 */
import { spawn } from 'node:child_process';
import { CLI } from './project.js';

export interface TerminalResult {
  code: number | null;
  /** Everything the terminal showed (stdout and stderr together; newlines as \r\n). */
  output: string;
}

/** `tilmash <args>` for a shell command line: the built CLI, quoted. */
export const TILMASH = `'${process.execPath}' '${CLI}'`;

export function runInTerminal(command: string, cwd: string, env: Record<string, string | undefined> = {}): Promise<TerminalResult> {
  return new Promise((resolve, reject) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, DEEPL_AUTH_KEY: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color', ...env };
    for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd, env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
