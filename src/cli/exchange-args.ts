import path from 'node:path';
import { TilmashError } from '../errors.js';
import type { CliIo } from './cli-io.js';
import type { ParsedArgs } from './parse-args.js';

/**
 * The action of `tilmash xliff|tm export|import [file]`: `export` takes no file, `import` exactly
 * one. Anything else is a usage error ending with `usage`.
 */
export function exchangeAction(args: ParsedArgs, command: 'xliff' | 'tm', fileKind: string, usage: string): { action: 'export' } | { action: 'import'; file: string } {
  const [action, file, ...extra] = args.positionals;
  if (action !== 'export' && action !== 'import') {
    throw new TilmashError('usage', `${action === undefined ? `\`tilmash ${command}\` needs an action` : `Unknown action '${action}' for \`tilmash ${command}\``}. ${usage}`);
  }
  const unexpected = action === 'export' ? file : extra[0];
  if (unexpected !== undefined) throw new TilmashError('usage', `Unexpected argument '${unexpected}' for \`tilmash ${command} ${action}\`. ${usage}`);
  if (action === 'export') return { action };
  if (file === undefined) throw new TilmashError('usage', `\`tilmash ${command} import\` needs the ${fileKind} to import. ${usage}`);
  return { action, file };
}

/** A path relative to the project root, as shown to the user: relative to the working folder (`.` for the folder itself). */
export function shownFromRoot(io: Pick<CliIo, 'cwd'>, rootDir: string): (rootRelative: string) => string {
  return (rootRelative) => path.relative(io.cwd, path.join(rootDir, rootRelative)) || '.';
}
