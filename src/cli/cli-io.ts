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
  /** Aborted on SIGINT/SIGTERM (once `stopGracefully` was called, for a writing command). */
  signal: AbortSignal;
  /**
   * A writing command calls this when it starts paying or writing: from then on SIGINT/SIGTERM
   * abort `signal` (finish, save, exit 130) instead of ending the process at once.
   */
  stopGracefully?: () => void;
}
