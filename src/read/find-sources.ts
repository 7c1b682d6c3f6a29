import { readdirSync } from 'node:fs';
import path from 'node:path';
import { statSourceEntry } from './source-path-guard.js';

/**
 * Files under `rootDir` matching any of `globs` (`*` and `?` within a path segment, `**` across
 * segments), as sorted paths relative to `rootDir` with `/` separators. Node 20 has no fs.glob.
 * Each folder is listed at most once per call; subfolders only for a pattern that can reach them.
 */
export function findSources(rootDir: string, globs: readonly string[]): string[] {
  const found = new Set<string>();
  const listed = new Map<string, string[]>();
  for (const glob of globs) {
    const parts = glob.split('/').filter((p) => p !== '' && p !== '.');
    const fixed: string[] = [];
    while (parts.length > 1 && !/[*?[]/.test(parts[0] as string)) fixed.push(parts.shift() as string);
    const pattern = parts.join('/');
    const deep = pattern.includes('/') || pattern.includes('**');
    const base = path.join(rootDir, ...fixed);
    const listKey = `${deep ? 'deep' : 'flat'}\u0000${base}`;
    let files = listed.get(listKey);
    if (files === undefined) listed.set(listKey, (files = [...walk(base, '', deep)]));
    const matcher = globToRegExp(pattern);
    for (const relative of files) {
      if (matcher.test(relative)) found.add([...fixed, relative].join('/'));
    }
  }
  return [...found].sort();
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

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 'u');
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
