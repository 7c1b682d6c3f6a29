/** What a command may touch of the outside world. Only src/cli/main.ts binds it to `process`. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: draw a progress bar instead of plain lines. */
  isTty: boolean;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}
