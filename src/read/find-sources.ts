import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Files under `rootDir` matching any of `globs` (`*` and `?` within a path segment, `**` across
 * segments), as sorted paths relative to `rootDir` with `/` separators. Node 20 has no fs.glob.
 */
export function findSources(rootDir: string, globs: readonly string[]): string[] {
  const found = new Set<string>();
  for (const glob of globs) {
    const parts = glob.split('/').filter((p) => p !== '' && p !== '.');
    const fixed: string[] = [];
    while (parts.length > 1 && !/[*?[]/.test(parts[0] as string)) fixed.push(parts.shift() as string);
    const matcher = globToRegExp(parts.join('/'));
    const base = path.join(rootDir, ...fixed);
    for (const relative of walk(base, '')) {
      if (matcher.test(relative)) found.add([...fixed, relative].join('/'));
    }
  }
  return [...found].sort();
}

function* walk(dir: string, prefix: string): Generator<string> {
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
    const stat = statSync(full);
    if (stat.isDirectory()) yield* walk(full, relative);
    else if (stat.isFile()) yield relative;
  }
}

export function globToRegExp(glob: string): RegExp {
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
