#!/usr/bin/env node
// The only module that touches `process`: binds the CLI to the real world and exits.
import { runCli } from './run-cli.js';
import { stopsGracefully } from './signal-policy.js';

const controller = new AbortController();
let interrupted = false;
// Reading commands keep the default action (they end at once, see signal-policy.ts).
for (const signal of stopsGracefully(process.argv.slice(2)) ? (['SIGINT', 'SIGTERM'] as const) : []) {
  process.on(signal, () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: stop now (the TM journal is already durable)
    interrupted = true;
    process.stderr.write('\nStopping: finishing requests in flight and saving…\n');
    controller.abort();
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
});
process.exitCode = code;
