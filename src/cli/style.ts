import { styleText } from 'node:util';
import type { CliIo } from './cli-io.js';

export type Style = 'red' | 'green' | 'yellow' | 'cyan' | 'bold' | 'dim';
export type Paint = (style: Style | readonly Style[], text: string) => string;

/**
 * Colours for one stream, decided for that stream: NO_COLOR (non-empty) turns them off,
 * FORCE_COLOR (anything but `0`, or empty) turns them on, otherwise only a terminal that is not
 * `TERM=dumb` gets them. `tilmash diff > file` looks at stdout, so the file never gets escape codes.
 */
export function wantsColor(io: Pick<CliIo, 'env' | 'isTty' | 'stdoutIsTty'>, stream: 'stdout' | 'stderr'): boolean {
  const { NO_COLOR, FORCE_COLOR, TERM } = io.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined) return FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  const tty = stream === 'stdout' ? Boolean(io.stdoutIsTty) : io.isTty;
  return tty && TERM !== 'dumb';
}

/** `paint('red', text)`: node:util styleText when colours are on for the stream, the text unchanged otherwise. */
export function painter(io: Pick<CliIo, 'env' | 'isTty' | 'stdoutIsTty'>, stream: 'stdout' | 'stderr'): Paint {
  if (!wantsColor(io, stream)) return (_style, text) => text;
  // The decision is ours (per stream, above); styleText must not redo it against process.stdout.
  return (style, text) => styleText(style as Parameters<typeof styleText>[0], text, { validateStream: false });
}
