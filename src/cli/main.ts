#!/usr/bin/env node
// The only module that touches `process`: binds the CLI to the real world and exits.
import { runCli } from './run-cli.js';
import { isRun, stopsGracefully } from './signal-policy.js';

const controller = new AbortController();
let interrupted = false;
let graceful = false;
/** From now on a signal stops gracefully: requests in flight land, the TM is saved, exit 130. */
function stopGracefully(): void {
  if (graceful) return;
  graceful = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130); // a second Ctrl-C: stop now (the TM journal is already durable)
      interrupted = true;
      process.stderr.write('\nStopping: finishing requests in flight and saving…\n');
      controller.abort();
    });
  }
}
// Imports are writers from the start; `run` becomes one when it starts sending or writing (it calls
// io.stopGracefully). Until then, and for reading commands, the default action ends the process at
// once, even inside long synchronous work (see signal-policy.ts).
if (stopsGracefully(process.argv.slice(2)) && !isRun(process.argv.slice(2))) stopGracefully();

// A reader that stops early (`tilmash segment big.txt | head`) is not an error: stop writing to it,
// finish quietly, exit 0. Any other stdout error is reported as usual.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
  stdoutIsTty: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
  stopGracefully,
});
process.exitCode = code;
