/** What a command may touch of the outside world. Only src/cli/main.ts binds it to `process`. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: draw a progress display instead of plain lines, colour stderr. */
  isTty: boolean;
  /** stdout is a terminal: colour what goes to stdout (never when it is a file or a pipe). */
  stdoutIsTty?: boolean;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}
