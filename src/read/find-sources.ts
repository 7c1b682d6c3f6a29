import { readdirSync } from 'node:fs';
import path from 'node:path';
import { statSourceEntry } from './source-path-guard.js';
import picomatch from 'picomatch';

/**
 * Files under `rootDir` matching `globs`, as sorted paths relative to `rootDir` with `/` separators.
 * Globs are picomatch's (bash-like): `*`, `?` and classes `[am]` within a path segment, `**` across
 * segments, braces `{txt,json}`; a glob starting with `!` takes its matches out of the others'.
 * Files and folders whose names start with `.` and `node_modules` are never listed.
 * Each folder is listed at most once per call; subfolders only for a glob that can reach them.
 */
export function findSources(rootDir: string, globs: readonly string[]): string[] {
  const found = new Set<string>();
  const listed = new Map<string, string[]>();
  const excluded = globs.filter((g) => g.startsWith('!')).map((g) => normalize(g.slice(1)));
  for (const glob of globs.filter((g) => !g.startsWith('!')).map(normalize)) {
    const { fixed, pattern } = splitGlob(glob);
    const deep = pattern.includes('/') || pattern.includes('**');
    const base = path.join(rootDir, ...fixed);
    const listKey = `${deep ? 'deep' : 'flat'}\u0000${base}`;
    let files = listed.get(listKey);
    if (files === undefined) listed.set(listKey, (files = [...walk(base, '', deep)]));
    const matches = picomatch(pattern, MATCH_OPTIONS);
    for (const relative of files) {
      if (matches(relative)) found.add([...fixed, relative].join('/'));
    }
  }
  if (excluded.length > 0) {
    const isExcluded = picomatch(excluded, MATCH_OPTIONS);
    for (const file of found) if (isExcluded(file)) found.delete(file);
  }
  return [...found].sort();
}

// posix: bash's bracket expressions, so `[!am]` is "not a or m" as in a shell (and `[[:alpha:]]` works).
const MATCH_OPTIONS: picomatch.PicomatchOptions = { dot: false, windows: false, posix: true };

/** `./source//a.txt` → `source/a.txt`: the form the listed paths have. */
function normalize(glob: string): string {
  return glob.split('/').filter((p) => p !== '' && p !== '.').join('/');
}

/** `source/news/*.ru.txt` → the folders to start listing from, `source/news`, and the rest to match, `*.ru.txt`. */
function splitGlob(glob: string): { fixed: string[]; pattern: string } {
  const scanned = picomatch.scan(glob);
  const base = scanned.isGlob ? scanned.base : path.posix.dirname(glob);
  const fixed = base === '' || base === '.' ? [] : base.split('/');
  return { fixed, pattern: fixed.length === 0 ? glob : glob.slice(base.length + 1) };
}

function* walk(dir: string, prefix: string, deep: boolean): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return; // a missing folder matches nothing; the caller reports "no sources"
  }
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = path.join(dir, name);
    const relative = prefix === '' ? name : `${prefix}/${name}`;
    const stat = statSourceEntry(full); // links: only to regular files or folders; dangling and loops are errors
    if (stat.isDirectory()) {
      if (deep) yield* walk(full, relative, deep);
    } else if (stat.isFile()) yield relative;
  }
}

export type SourceFileFormat = 'txt' | 'md' | 'i18next' | 'icu';

/**
 * `source/article.ru.txt` → namespace `article`, format `txt` (also `.md`); app strings need the
 * locale in the name: `ui.ru.json` → i18next JSON, `messages.ru.icu.json` → ICU/FormatJS messages
 * (so key maps like `article.keys.json` are never taken for sources).
 */
export function describeSourceFile(relativePath: string, sourceLocale: string): { namespace: string; format: SourceFileFormat } | undefined {
  const name = path.posix.basename(relativePath);
  const strings = /^(.+?)\.([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.(icu\.json|json)$/u.exec(name);
  if (strings) {
    if (strings[2] !== sourceLocale) return undefined;
    return { namespace: strings[1] as string, format: strings[3] === 'json' ? 'i18next' : 'icu' };
  }
  const match = /^(.+?)(?:\.([a-z]{2,3}(?:-[A-Za-z0-9]+)*))?\.(txt|md|markdown)$/u.exec(name);
  if (!match) return undefined;
  if (match[2] !== undefined && match[2] !== sourceLocale) return undefined;
  return { namespace: match[1] as string, format: match[3] === 'txt' ? 'txt' : 'md' };
}
