/**
 * Parsing and formatting one TM file `tm/<source>-<target>.jsonl`: one JSON object per line, keys in
 * `TmEntry` order, lines sorted by `source` in UTF-16 code-unit order, `\n` after every line.
 */
import { isUtf8 } from 'node:buffer';
import { place, TilmashError } from '../errors.js';
import type { TmEntry } from './tm-entry.js';
import { forEachLine } from './tm-lines.js';
import { canonicalEntry, entryProblem, type Intern } from './tm-validate.js';

export function tmFileName(sourceLocale: string, targetLocale: string): string {
  return `${sourceLocale}-${targetLocale}.jsonl`;
}

/** The exact line (without `\n`) for a canonical entry. */
export function formatTmLine(entry: TmEntry): string {
  return JSON.stringify(entry);
}

/** Sources in file order: UTF-16 code units, which is what the default `Array#sort` compares. */
export function sortedSources(entries: Map<string, TmEntry>): string[] {
  return [...entries.keys()].sort();
}

/** The whole file, in chunks of about `chunkChars` characters (a 10^6-entry TM exceeds one string). */
export function* formatTmFile(entries: Map<string, TmEntry>, chunkChars = 1 << 20): Generator<string> {
  let lines: string[] = [];
  let length = 0;
  for (const source of sortedSources(entries)) {
    const line = formatTmLine(entries.get(source) as TmEntry);
    lines.push(line);
    length += line.length + 1;
    if (length >= chunkChars) {
      yield `${lines.join('\n')}\n`;
      lines = [];
      length = 0;
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/** A `badTm` error about one line; the message says what is wrong and how to fix it. */
export function badTmLine(file: string, line: number, problem: string, fix: string): TilmashError {
  return new TilmashError('badTm', `${place(file, line)}: ${problem}. ${fix}; the TM was not changed.`, { file });
}

const CONFLICT_MARKER = /^(?:<{7}|={7}|>{7}|\|{7})(?: |$)/;

/** Parses one line into an entry, or returns what is wrong with it. */
export function parseTmLine(text: string, intern: Intern): TmEntry | string {
  if (text.trim() === '') return 'blank line (the TM has no blank lines)';
  if (CONFLICT_MARKER.test(text)) return 'git merge conflict marker';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = text.charCodeAt(0) === 0xfeff ? 'byte-order mark at the start' : (error as Error).message;
    return `invalid JSON (${detail})`;
  }
  const problem = entryProblem(value);
  return problem ?? canonicalEntry(value as TmEntry, intern);
}

const FILE_FIX = 'Fix or delete that line (each line is one JSON entry: source, target, origin, status, created, changed)';

/**
 * Parses a whole TM file into `into` (which must be empty). Throws `badTm` naming `file:line` for
 * invalid UTF-8, a line that is not a valid entry, or a duplicate `source`.
 */
export function parseTmFile(buf: Uint8Array, file: string, intern: Intern, into: Map<string, TmEntry>): void {
  if (!isUtf8(buf)) {
    let bad = 0;
    let lineStart = 0;
    forEachLine(buf, (_text, line, end) => {
      if (!isUtf8(buf.subarray(lineStart, end))) {
        bad = line;
        return false;
      }
      lineStart = end;
      return true;
    });
    throw badTmLine(file, bad, 'not valid UTF-8', 'Re-save the file as UTF-8 or fix that line');
  }
  forEachLine(buf, (text, line, _end, terminated) => {
    if (!terminated && text === '') return;
    const entry = parseTmLine(text, intern);
    if (typeof entry === 'string') {
      const fix = entry.startsWith('git merge') ? 'Resolve the merge conflict (keep one line per source)' : FILE_FIX;
      throw badTmLine(file, line, entry, fix);
    }
    if (into.has(entry.source)) {
      const first = firstLineOf(buf, entry.source, intern);
      throw badTmLine(
        file,
        line,
        `duplicate source ${JSON.stringify(clip(entry.source))} (also on line ${first})`,
        'Keep one of the two lines and delete the other',
      );
    }
    into.set(entry.source, entry);
  });
}

function firstLineOf(buf: Uint8Array, source: string, intern: Intern): number {
  let found = 0;
  forEachLine(buf, (text, line) => {
    const entry = parseTmLine(text, intern);
    if (typeof entry !== 'string' && entry.source === source) {
      found = line;
      return false;
    }
    return true;
  });
  return found;
}

/** `text` cut to 60 characters (with `…`), for quoting a source in a message. */
export function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
